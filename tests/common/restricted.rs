//! lotse run by a user whom file permissions bind: this one, or `nobody`
//! when the tests run as root (root writes read-only files regardless).

use std::fs::{self, Permissions};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Output;

use super::binary::{BINARY, command_with};

const NOBODY: u32 = 65_534;

/// Whether file permissions stop this process; they do not stop root.
fn permissions_apply() -> bool {
    let dir = tempfile::tempdir().unwrap();
    let probe = dir.path().join("probe");
    fs::write(&probe, "").unwrap();
    fs::set_permissions(&probe, Permissions::from_mode(0o444)).unwrap();
    fs::OpenOptions::new().append(true).open(&probe).is_err()
}

/// Runs lotse as a user whom permissions bind: this one, or `nobody` when
/// the tests run as root. `dir` holds everything that user needs to reach.
pub struct Restricted {
    as_nobody: bool,
    binary: PathBuf,
}

impl Restricted {
    pub fn new(dir: &Path) -> Restricted {
        let as_nobody = !permissions_apply();
        let mut binary = PathBuf::from(BINARY);
        if as_nobody {
            fs::set_permissions(dir, Permissions::from_mode(0o755)).unwrap();
            if !reachable_by_anyone(&binary) {
                let copy = dir.join("lotse");
                fs::copy(&binary, &copy).unwrap();
                binary = copy;
            }
        }
        Restricted { as_nobody, binary }
    }

    /// Makes `path` the restricted user's own, as a file they created would be.
    pub fn give(&self, path: &Path) {
        if self.as_nobody {
            std::os::unix::fs::chown(path, Some(NOBODY), Some(NOBODY)).unwrap();
        }
    }

    /// The words that start lotse as that user in a shell.
    pub fn shell_command(&self) -> String {
        let switch = match self.as_nobody {
            true => format!("setpriv --reuid={NOBODY} --regid={NOBODY} --clear-groups "),
            false => String::new(),
        };
        format!("{switch}{}", self.binary.display())
    }

    pub fn run(&self, db: &Path, args: &[&str]) -> Output {
        let mut command = command_with(&self.binary, db, args);
        if self.as_nobody {
            command.uid(NOBODY).gid(NOBODY);
        }
        command.output().unwrap()
    }
}

fn reachable_by_anyone(file: &Path) -> bool {
    file.ancestors().all(|path| fs::metadata(path).is_ok_and(|metadata| metadata.permissions().mode() & 0o001 != 0))
}
