pub mod db;
pub mod demo_data;
pub mod export;
mod files;
pub mod import;
mod progress;
pub mod regions;
pub mod search;
pub mod tui;
