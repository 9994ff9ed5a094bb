use crate::settings::Settings;

pub fn path(settings: &Settings) -> anyhow::Result<()> {
    println!("{}", settings.db_path.display());
    Ok(())
}
