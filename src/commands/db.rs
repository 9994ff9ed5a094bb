use std::io::Write;

use crate::settings::Settings;

pub fn path(settings: &Settings) -> anyhow::Result<()> {
    writeln!(std::io::stdout(), "{}", settings.db_path.display())?;
    Ok(())
}
