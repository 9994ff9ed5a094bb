//! Where a store lives: a SQLite file, or a PostgreSQL server named by a
//! URL (`postgresql://…`, `postgres://…`) or a libpq connection string
//! (`host=/run/postgresql dbname=lotse`).

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    File(PathBuf),
    Postgres(String),
}

/// The libpq connection keywords; a string that starts with one of them
/// and `=` is a connection string, not a file name.
const CONNINFO_KEYWORDS: &[&str] = &[
    "host",
    "hostaddr",
    "port",
    "dbname",
    "user",
    "password",
    "passfile",
    "connect_timeout",
    "sslmode",
    "sslrootcert",
    "sslcert",
    "sslkey",
    "application_name",
    "options",
    "service",
    "target_session_attrs",
];

impl Location {
    pub fn parse(location: &Path) -> Location {
        let Some(text) = location.to_str() else { return Location::File(location.to_owned()) };
        let trimmed = text.trim_start();
        let is_url = ["postgresql://", "postgres://"].iter().any(|scheme| trimmed.starts_with(scheme));
        let is_conninfo = trimmed.split_once('=').is_some_and(|(keyword, _)| {
            CONNINFO_KEYWORDS.contains(&keyword.trim()) && !keyword.contains(std::path::MAIN_SEPARATOR)
        });
        if is_url || is_conninfo { Location::Postgres(text.to_owned()) } else { Location::File(location.to_owned()) }
    }

    /// The location as it may be shown: a password replaced by `***`.
    pub fn masked(&self) -> String {
        match self {
            Location::File(path) => path.display().to_string(),
            Location::Postgres(conninfo) => mask_password(conninfo),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.masked())
    }
}

/// `conninfo` with any password (in a URL's user part, a `password=`
/// query parameter or a `password=` keyword) replaced by `***`.
pub fn mask_password(conninfo: &str) -> String {
    if let Some(scheme_end) = conninfo.find("://") {
        let (scheme, rest) = conninfo.split_at(scheme_end + 3);
        let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
        let (authority, tail) = rest.split_at(authority_end);
        let authority = match authority.rfind('@') {
            Some(at) => {
                let (userinfo, host) = authority.split_at(at);
                match userinfo.split_once(':') {
                    Some((user, _password)) => format!("{user}:***{host}"),
                    None => authority.to_owned(),
                }
            }
            None => authority.to_owned(),
        };
        let tail = match tail.split_once('?') {
            Some((path, query)) => {
                let query: Vec<String> = query
                    .split('&')
                    .map(|pair| match pair.split_once('=') {
                        Some((name, _)) if name == "password" => format!("{name}=***"),
                        _ => pair.to_owned(),
                    })
                    .collect();
                format!("{path}?{}", query.join("&"))
            }
            None => tail.to_owned(),
        };
        return format!("{scheme}{authority}{tail}");
    }
    mask_keyword_password(conninfo)
}

/// The key=value form: values may be single-quoted with backslash escapes.
fn mask_keyword_password(conninfo: &str) -> String {
    let mut masked = String::new();
    let mut rest = conninfo;
    while let Some(equals) = rest.find('=') {
        let keyword = &rest[..equals];
        masked.push_str(keyword);
        masked.push('=');
        let value_and_more = &rest[equals + 1..];
        let value_end = value_end(value_and_more);
        if keyword.trim() == "password" {
            let leading = value_and_more.len() - value_and_more.trim_start().len();
            masked.push_str(&value_and_more[..leading]);
            masked.push_str("***");
        } else {
            masked.push_str(&value_and_more[..value_end]);
        }
        rest = &value_and_more[value_end..];
    }
    masked.push_str(rest);
    masked
}

/// Where a key=value value ends: at the closing quote of a quoted value,
/// else at the next whitespace.
fn value_end(text: &str) -> usize {
    let leading = text.len() - text.trim_start().len();
    let value = &text[leading..];
    if let Some(quoted) = value.strip_prefix('\'') {
        let mut escaped = false;
        for (at, ch) in quoted.char_indices() {
            match ch {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '\'' => return leading + 1 + at + 1,
                _ => {}
            }
        }
        return text.len();
    }
    leading + value.find(char::is_whitespace).unwrap_or(value.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_connection_strings_name_a_server_and_the_rest_are_files() {
        for server in ["postgresql://db.example/lotse", "postgres:///lotse?host=/tmp", "host=/run/postgresql dbname=x"]
        {
            assert!(matches!(Location::parse(Path::new(server)), Location::Postgres(_)), "{server}");
        }
        for file in ["lotse.db", "/home/a/host=1.db", "./daten/x.db", "postgres.db"] {
            assert!(matches!(Location::parse(Path::new(file)), Location::File(_)), "{file}");
        }
    }

    #[test]
    fn passwords_never_show() {
        let cases = [
            ("postgresql://erika:geheim@db.example:5432/lotse", "postgresql://erika:***@db.example:5432/lotse"),
            (
                "postgres://erika@db.example/lotse?password=geheim&sslmode=require",
                "postgres://erika@db.example/lotse?password=***&sslmode=require",
            ),
            ("postgresql://db.example/lotse", "postgresql://db.example/lotse"),
            ("host=db dbname=lotse password=geheim user=erika", "host=db dbname=lotse password=*** user=erika"),
            ("host=db password='ge heim\\'x' user=erika", "host=db password=*** user=erika"),
            ("password = geheim host=db", "password = *** host=db"),
        ];
        for (given, shown) in cases {
            assert_eq!(mask_password(given), shown);
            assert!(!mask_password(given).contains("geheim"));
        }
    }
}
