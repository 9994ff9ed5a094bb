pub mod db;
pub mod tui;
