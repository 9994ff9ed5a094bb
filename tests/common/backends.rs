//! The conformance suite's fixture: the same test function runs once on
//! SQLite and once on PostgreSQL, each time with fresh stores of that kind.

use lotse::store::Store;

use super::pg::Database;

/// Hands out new stores of one backend, and keeps their databases until the test ends.
pub struct Fresh {
    postgres: bool,
    test: &'static str,
    databases: Vec<Database>,
    directories: Vec<tempfile::TempDir>,
}

impl Fresh {
    pub fn sqlite(test: &'static str) -> Fresh {
        Fresh { postgres: false, test, databases: Vec::new(), directories: Vec::new() }
    }

    /// `None` (after saying so) where no PostgreSQL server can be had.
    pub fn postgres(test: &'static str) -> Option<Fresh> {
        let mut fresh = Fresh { postgres: true, test, databases: Vec::new(), directories: Vec::new() };
        let first = Database::create(test)?;
        fresh.databases.push(first);
        Some(fresh)
    }

    pub fn is_postgres(&self) -> bool {
        self.postgres
    }

    /// A new store with the sample data, as `lotse` creates on first start.
    pub fn store(&mut self) -> Store {
        Store::open(std::path::Path::new(&self.location())).unwrap()
    }

    /// Where a new store lives: a file path or a URL. Each call names a
    /// new, empty one.
    pub fn location(&mut self) -> String {
        if !self.postgres {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("lotse.db").display().to_string();
            self.directories.push(dir);
            return path;
        }
        // The first database was made up front, to find out whether there is a server.
        if self.databases.len() == 1 && !self.databases[0].used {
            self.databases[0].used = true;
            return self.databases[0].url.clone();
        }
        let mut database = Database::create(self.test).expect("the server was there a moment ago");
        database.used = true;
        let url = database.url.clone();
        self.databases.push(database);
        url
    }
}

/// Runs each named `fn(&mut Fresh)` as a test on both backends:
/// `sqlite::NAME` and `postgres::NAME`.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[test]
                fn $name() {
                    super::$name(&mut $crate::common::backends::Fresh::sqlite(stringify!($name)));
                }
            )*
        }
        mod postgres {
            $(
                #[test]
                fn $name() {
                    if let Some(mut fresh) = $crate::common::backends::Fresh::postgres(stringify!($name)) {
                        super::$name(&mut fresh);
                    }
                }
            )*
        }
    };
}
