pub mod db;
pub mod demo_data;
pub mod regions;
pub mod registration;
pub mod search;
pub mod tui;
