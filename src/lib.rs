//! lotse: a terminal dashboard for German municipal economic development.

pub mod app;
pub mod cli;
pub mod cli_text;
pub mod clock;
pub mod commands;
pub mod config;
pub mod demo;
pub mod desktop;
pub mod domain;
pub mod exchange;
pub mod filter;
pub mod format;
pub mod geo;
pub mod i18n;
pub mod messages;
pub mod plan;
pub mod runner;
pub mod sanitize;
pub mod search;
pub mod settings;
pub mod shipped;
pub mod sources;
pub mod splice;
pub mod store;
pub mod terminal;
pub mod ui;
