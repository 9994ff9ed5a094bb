//! From a URL or libpq connection string, with libpq's environment
//! variables and password file, to a connection: which server, as whom,
//! and with what TLS. A password is read here and never shown anywhere.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use postgres::config::SslMode;
use postgres::{Client, Config, NoTls};

use crate::store::StoreError;
use crate::store::error::{ConnectFailure, ServerName};

/// How long a connection attempt may take when the user set no `connect_timeout`.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Where libpq on Debian puts the server's socket when no host is given.
const DEFAULT_SOCKET_DIR: &str = "/var/run/postgresql";

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Tls {
    Disable,
    /// Plain first, TLS (unchecked) only when the server refuses plain (libpq's `allow`).
    Allow,
    /// TLS where the server offers it, without checking its certificate.
    Prefer,
    /// TLS always, without checking the certificate (libpq's `require`).
    Require,
    /// TLS with the certificate's chain checked against `root`, whatever
    /// name it was issued for (libpq's `verify-ca`).
    VerifyCa {
        root: PathBuf,
    },
    /// TLS with the certificate checked against `root` and the host name.
    VerifyFull {
        root: PathBuf,
    },
}

#[derive(Clone)]
pub(super) struct Target {
    pub config: Config,
    pub server: ServerName,
    pub tls: Tls,
}

/// libpq's keywords with the environment variable that stands in for each.
const ENVIRONMENT: &[(&str, &str)] = &[
    ("host", "PGHOST"),
    ("hostaddr", "PGHOSTADDR"),
    ("port", "PGPORT"),
    ("dbname", "PGDATABASE"),
    ("user", "PGUSER"),
    ("password", "PGPASSWORD"),
    ("passfile", "PGPASSFILE"),
    ("connect_timeout", "PGCONNECT_TIMEOUT"),
    ("sslmode", "PGSSLMODE"),
    ("sslrootcert", "PGSSLROOTCERT"),
    ("application_name", "PGAPPNAME"),
    ("options", "PGOPTIONS"),
];

/// The connection target `conninfo` names, completed from `env` (libpq's
/// variables, `HOME` and `USER`) and the password file.
pub(super) fn target(conninfo: &str, env: &dyn Fn(&str) -> Option<String>) -> Result<Target, StoreError> {
    let given = if conninfo.trim_start().starts_with("postgres") && conninfo.contains("://") {
        url_pairs(conninfo)?
    } else {
        keyword_pairs(conninfo)?
    };
    let mut settings = BTreeMap::new();
    for (keyword, variable) in ENVIRONMENT {
        if let Some(value) = given.get(*keyword).cloned().or_else(|| env(variable)).filter(|value| !value.is_empty()) {
            settings.insert(*keyword, value);
        }
    }
    if let Some(unknown) = given.keys().find(|keyword| !ENVIRONMENT.iter().any(|(known, _)| known == keyword)) {
        return Err(StoreError::BadConninfo(format!("unbekannte Angabe „{unknown}“ / unknown keyword \"{unknown}\"")));
    }
    let host = settings.get("host").cloned().unwrap_or_else(|| DEFAULT_SOCKET_DIR.to_owned());
    let port = match settings.get("port") {
        Some(port) => port.parse().map_err(|_| StoreError::BadConninfo(format!("port {port}")))?,
        None => 5432,
    };
    let user = settings
        .get("user")
        .cloned()
        .or_else(|| env("USER"))
        .unwrap_or_else(|| whoami::username().unwrap_or_else(|_| "postgres".to_owned()));
    let dbname = settings.get("dbname").cloned().unwrap_or_else(|| user.clone());
    let server = ServerName { host: host.clone(), port, dbname: dbname.clone(), user: user.clone() };

    let mut config = Config::new();
    config.host(&host).port(port).user(&user).dbname(&dbname);
    if let Some(address) = settings.get("hostaddr") {
        config.hostaddr(address.parse().map_err(|_| StoreError::BadConninfo(format!("hostaddr {address}")))?);
    }
    let password = settings.get("password").cloned().or_else(|| {
        let passfile = settings
            .get("passfile")
            .map(PathBuf::from)
            .or_else(|| env("HOME").map(|home| Path::new(&home).join(".pgpass")))?;
        password_from_file(&passfile, &server)
    });
    if let Some(password) = password {
        config.password(password);
    }
    let timeout = match settings.get("connect_timeout") {
        Some(seconds) => Duration::from_secs(
            seconds.parse::<u64>().map_err(|_| StoreError::BadConninfo(format!("connect_timeout {seconds}")))?.max(2),
        ),
        None => CONNECT_TIMEOUT,
    };
    config.connect_timeout(timeout);
    config.application_name(settings.get("application_name").map_or("lotse", String::as_str));
    if let Some(options) = settings.get("options") {
        config.options(options);
    }
    // As libpq: the CA file named, else ~/.postgresql/root.crt.
    let root = |mode: &str| {
        settings
            .get("sslrootcert")
            .map(PathBuf::from)
            .or_else(|| env("HOME").map(|home| Path::new(&home).join(".postgresql/root.crt")))
            .ok_or_else(|| StoreError::BadConninfo(format!("sslmode={mode} braucht sslrootcert / needs sslrootcert")))
    };
    let tls = match settings.get("sslmode").map(String::as_str).unwrap_or("prefer") {
        "disable" => Tls::Disable,
        "allow" => Tls::Allow,
        "prefer" => Tls::Prefer,
        "require" => Tls::Require,
        "verify-ca" => Tls::VerifyCa { root: root("verify-ca")? },
        "verify-full" => Tls::VerifyFull { root: root("verify-full")? },
        other => {
            return Err(StoreError::BadConninfo(format!(
                "sslmode={other} (möglich / possible: disable, allow, prefer, require, verify-ca, verify-full)"
            )));
        }
    };
    config.ssl_mode(match tls {
        Tls::Disable | Tls::Allow => SslMode::Disable,
        Tls::Prefer => SslMode::Prefer,
        Tls::Require | Tls::VerifyCa { .. } | Tls::VerifyFull { .. } => SslMode::Require,
    });
    Ok(Target { config, server, tls })
}

impl Target {
    pub fn connect(&self) -> Result<Client, StoreError> {
        let verified = |root: &Path, check: Check| {
            tls_connector(check, Some(root)).map_err(|error| match error {
                StoreError::BadConninfo(detail) => {
                    StoreError::Connect { server: self.server.clone(), failure: ConnectFailure::Tls(detail) }
                }
                other => other,
            })
        };
        let connected = match &self.tls {
            Tls::Disable => self.config.connect(NoTls),
            Tls::Allow => match self.config.connect(NoTls) {
                // The server answered but turned plain text away (a
                // `hostssl` line): libpq tries again with TLS, and so do we.
                Err(error) if error.as_db_error().is_some() => {
                    let mut encrypted = self.config.clone();
                    encrypted.ssl_mode(SslMode::Require);
                    encrypted.connect(tls_connector(Check::Nothing, None)?)
                }
                other => other,
            },
            Tls::Prefer | Tls::Require => self.config.connect(tls_connector(Check::Nothing, None)?),
            Tls::VerifyCa { root } => self.config.connect(verified(root, Check::Chain)?),
            Tls::VerifyFull { root } => self.config.connect(verified(root, Check::ChainAndName)?),
        };
        connected.map_err(|error| StoreError::Connect { server: self.server.clone(), failure: failure(&error) })
    }
}

/// What went wrong, in terms the user can act on.
fn failure(error: &postgres::Error) -> ConnectFailure {
    use postgres::error::SqlState;
    if let Some(db) = error.as_db_error() {
        return match *db.code() {
            // Turned away by pg_hba.conf (say, plain text where it wants TLS): not a password matter.
            SqlState::INVALID_AUTHORIZATION_SPECIFICATION if db.message().contains("pg_hba.conf") => {
                ConnectFailure::Other(db.message().to_owned())
            }
            SqlState::INVALID_PASSWORD | SqlState::INVALID_AUTHORIZATION_SPECIFICATION => ConnectFailure::BadPassword,
            SqlState::INVALID_CATALOG_NAME => ConnectFailure::NoDatabase,
            _ => ConnectFailure::Other(db.message().to_owned()),
        };
    }
    let text = error.to_string();
    let source = std::error::Error::source(error).map(ToString::to_string).unwrap_or_default();
    match certificate_problem(error) {
        Some(rustls::CertificateError::UnknownIssuer) => return ConnectFailure::Untrusted,
        Some(rustls::CertificateError::NotValidForName | rustls::CertificateError::NotValidForNameContext { .. }) => {
            return ConnectFailure::WrongName;
        }
        _ => {}
    }
    if source.contains("certificate") || source.contains("InvalidCertificate") || text.contains("tls") {
        ConnectFailure::Tls(source)
    } else if text.contains("password missing") {
        ConnectFailure::BadPassword
    } else if source.is_empty() {
        ConnectFailure::Unreachable(text)
    } else {
        ConnectFailure::Unreachable(source)
    }
}

/// How much of the server's certificate is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Check {
    Nothing,
    Chain,
    ChainAndName,
}

/// What rustls found wrong with the server's certificate, if that is why
/// the connection failed; tokio-rustls hands it up inside an I/O error.
fn certificate_problem(error: &postgres::Error) -> Option<&rustls::CertificateError> {
    let mut cause = std::error::Error::source(error);
    while let Some(current) = cause {
        let found = current
            .downcast_ref::<rustls::Error>()
            .or_else(|| current.downcast_ref::<std::io::Error>()?.get_ref()?.downcast_ref::<rustls::Error>());
        if let Some(rustls::Error::InvalidCertificate(problem)) = found {
            return Some(problem);
        }
        cause = current.source();
    }
    None
}

fn tls_connector(check: Check, root: Option<&Path>) -> Result<tokio_postgres_rustls::MakeRustlsConnect, StoreError> {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|error| StoreError::BadConninfo(error.to_string()))?;
    let config = match root.filter(|_| check != Check::Nothing) {
        Some(root) => {
            let mut roots = rustls::RootCertStore::empty();
            let certificates = CertificateDer::pem_file_iter(root)
                .map_err(|error| StoreError::BadConninfo(format!("sslrootcert {}: {error}", root.display())))?;
            for certificate in certificates {
                let certificate = certificate
                    .map_err(|error| StoreError::BadConninfo(format!("sslrootcert {}: {error}", root.display())))?;
                roots
                    .add(certificate)
                    .map_err(|error| StoreError::BadConninfo(format!("sslrootcert {}: {error}", root.display())))?;
            }
            if check == Check::Chain {
                let chain =
                    rustls::client::WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider.clone())
                        .build()
                        .map_err(|error| StoreError::BadConninfo(format!("sslrootcert {}: {error}", root.display())))?;
                let verifier = Lenient { chain: Some(chain), provider };
                builder.dangerous().with_custom_certificate_verifier(Arc::new(verifier)).with_no_client_auth()
            } else {
                builder.with_root_certificates(roots).with_no_client_auth()
            }
        }
        None => {
            let verifier = Lenient { chain: None, provider };
            builder.dangerous().with_custom_certificate_verifier(Arc::new(verifier)).with_no_client_auth()
        }
    };
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
}

/// libpq's `require` and `prefer` (no `chain`: any certificate) and
/// `verify-ca` (rustls' own verifier checks the chain up to the CA,
/// validity and signatures; only its verdict that the certificate names
/// another host is set aside, since the CA is trusted for any name).
/// Handshake signatures are checked either way, so the session is sound.
#[derive(Debug)]
struct Lenient {
    chain: Option<Arc<rustls::client::WebPkiServerVerifier>>,
    provider: Arc<rustls::crypto::CryptoProvider>,
}

impl rustls::client::danger::ServerCertVerifier for Lenient {
    fn verify_server_cert(
        &self,
        end_entity: &rustls::pki_types::CertificateDer<'_>,
        intermediates: &[rustls::pki_types::CertificateDer<'_>],
        server_name: &rustls::pki_types::ServerName<'_>,
        ocsp_response: &[u8],
        now: rustls::pki_types::UnixTime,
    ) -> Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
        use rustls::CertificateError::{NotValidForName, NotValidForNameContext};
        let Some(chain) = &self.chain else { return Ok(rustls::client::danger::ServerCertVerified::assertion()) };
        // The webpki verifier checks the name only after the chain, so this
        // error means the chain itself was sound.
        match chain.verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now) {
            Err(rustls::Error::InvalidCertificate(NotValidForName | NotValidForNameContext { .. })) => {
                Ok(rustls::client::danger::ServerCertVerified::assertion())
            }
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.provider.signature_verification_algorithms.supported_schemes()
    }
}

/// `postgresql://user:password@host:port/dbname?key=value&…`, percent-decoded.
fn url_pairs(url: &str) -> Result<BTreeMap<String, String>, StoreError> {
    let bad = |what: &str| StoreError::BadConninfo(what.to_owned());
    let rest = url.trim().split_once("://").map(|(_, rest)| rest).ok_or_else(|| bad("URL"))?;
    let (before_query, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (authority, dbname) = before_query.split_once('/').unwrap_or((before_query, ""));
    let mut pairs = BTreeMap::new();
    let (userinfo, hostport) = match authority.rsplit_once('@') {
        Some((userinfo, hostport)) => (Some(userinfo), hostport),
        None => (None, authority),
    };
    if let Some(userinfo) = userinfo {
        let (user, password) = userinfo.split_once(':').map_or((userinfo, None), |(user, pass)| (user, Some(pass)));
        if !user.is_empty() {
            pairs.insert("user".to_owned(), percent_decode(user)?);
        }
        if let Some(password) = password {
            pairs.insert("password".to_owned(), percent_decode(password)?);
        }
    }
    let (host, port) = if let Some(bracketed) = hostport.strip_prefix('[') {
        let (host, after) = bracketed.split_once(']').ok_or_else(|| bad("IPv6-Adresse / IPv6 address"))?;
        (host, after.strip_prefix(':'))
    } else {
        match hostport.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (hostport, None),
        }
    };
    if !host.is_empty() {
        pairs.insert("host".to_owned(), percent_decode(host)?);
    }
    if let Some(port) = port.filter(|port| !port.is_empty()) {
        pairs.insert("port".to_owned(), port.to_owned());
    }
    if !dbname.is_empty() {
        pairs.insert("dbname".to_owned(), percent_decode(dbname)?);
    }
    for pair in query.split('&').filter(|pair| !pair.is_empty()) {
        let (key, value) = pair.split_once('=').ok_or_else(|| bad(pair))?;
        pairs.insert(percent_decode(key)?, percent_decode(value)?);
    }
    Ok(pairs)
}

fn percent_decode(text: &str) -> Result<String, StoreError> {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == b'%' {
            let hex = text.get(at + 1..at + 3).and_then(|hex| u8::from_str_radix(hex, 16).ok());
            decoded.push(hex.ok_or_else(|| StoreError::BadConninfo("%-Kodierung / percent encoding".to_owned()))?);
            at += 3;
        } else {
            decoded.push(bytes[at]);
            at += 1;
        }
    }
    String::from_utf8(decoded).map_err(|_| StoreError::BadConninfo("UTF-8".to_owned()))
}

/// `key=value key='quoted \' value'`, as libpq reads it.
fn keyword_pairs(conninfo: &str) -> Result<BTreeMap<String, String>, StoreError> {
    let mut pairs = BTreeMap::new();
    let mut chars = conninfo.chars().peekable();
    loop {
        while chars.next_if(|ch| ch.is_whitespace()).is_some() {}
        if chars.peek().is_none() {
            return Ok(pairs);
        }
        let mut keyword = String::new();
        while let Some(ch) = chars.next_if(|ch| *ch != '=' && !ch.is_whitespace()) {
            keyword.push(ch);
        }
        while chars.next_if(|ch| ch.is_whitespace()).is_some() {}
        if chars.next() != Some('=') {
            return Err(StoreError::BadConninfo(format!("„{keyword}“ ohne = / without =")));
        }
        while chars.next_if(|ch| ch.is_whitespace()).is_some() {}
        let mut value = String::new();
        if chars.next_if_eq(&'\'').is_some() {
            loop {
                match chars.next() {
                    Some('\\') => value.extend(chars.next()),
                    Some('\'') => break,
                    Some(ch) => value.push(ch),
                    None => return Err(StoreError::BadConninfo("offenes Anführungszeichen / open quote".to_owned())),
                }
            }
        } else {
            while let Some(ch) = chars.next_if(|ch| !ch.is_whitespace()) {
                if ch == '\\' {
                    value.extend(chars.next());
                } else {
                    value.push(ch);
                }
            }
        }
        pairs.insert(keyword, value);
    }
}

/// The password for `server` from a libpq password file: the first line
/// whose host, port, database and user match (`*` matches anything). As
/// libpq does, a file others may read is ignored, and a socket directory
/// matches the host name `localhost`.
fn password_from_file(path: &Path, server: &ServerName) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).ok()?.permissions().mode();
        if mode & 0o077 != 0 {
            return None;
        }
    }
    let text = std::fs::read_to_string(path).ok()?;
    let host = if server.host.starts_with('/') { "localhost" } else { server.host.as_str() };
    let port = server.port.to_string();
    let wanted = [host, port.as_str(), server.dbname.as_str(), server.user.as_str()];
    text.lines().filter(|line| !line.trim_start().starts_with('#')).find_map(|line| {
        let fields = pgpass_fields(line);
        let [patterns @ .., password] = fields.as_slice() else { return None };
        let matches = patterns.len() == 4
            && patterns.iter().zip(wanted).all(|(pattern, value)| pattern == "*" || pattern == value);
        matches.then(|| password.clone())
    })
}

/// A password file line's five fields; `\:` and `\\` stand for `:` and `\`.
fn pgpass_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(ch) = chars.next() {
        match ch {
            '\\' => fields.last_mut().expect("starts with one field").extend(chars.next()),
            ':' if fields.len() < 5 => fields.push(String::new()),
            _ => fields.last_mut().expect("starts with one field").push(ch),
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_env(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn urls_and_keyword_strings_give_the_same_target() {
        let from_url = target("postgresql://erika:ge%3Aheim@db.example:6543/lotse?sslmode=disable", &no_env).unwrap();
        let from_keywords =
            target("host=db.example port=6543 dbname=lotse user=erika password='ge:heim' sslmode=disable", &no_env)
                .unwrap();
        for found in [&from_url, &from_keywords] {
            assert_eq!(
                found.server,
                ServerName { host: "db.example".into(), port: 6543, dbname: "lotse".into(), user: "erika".into() }
            );
            assert_eq!(found.config.get_password(), Some(&b"ge:heim"[..]));
            assert_eq!(found.tls, Tls::Disable);
        }
    }

    #[test]
    fn libpq_variables_fill_what_the_string_leaves_out() {
        let env = |name: &str| match name {
            "PGHOST" => Some("/tmp/sockets".to_owned()),
            "PGUSER" => Some("max".to_owned()),
            "PGPASSWORD" => Some("aus-der-umgebung".to_owned()),
            "PGSSLMODE" => Some("require".to_owned()),
            _ => None,
        };
        let found = target("dbname=lotse", &env).unwrap();
        assert_eq!(found.server.host, "/tmp/sockets");
        assert_eq!(found.server.user, "max");
        assert_eq!(found.server.dbname, "lotse");
        assert_eq!(found.config.get_password(), Some(&b"aus-der-umgebung"[..]));
        assert_eq!(found.tls, Tls::Require);
        // What the string says wins over the environment.
        assert_eq!(target("postgres://erika@/lotse?host=/run/pg", &env).unwrap().server.user, "erika");
    }

    #[test]
    fn the_password_file_is_read_as_libpq_reads_it() {
        let dir = tempfile::tempdir().unwrap();
        let passfile = dir.path().join("pgpass");
        std::fs::write(
            &passfile,
            "# comment\nother:*:*:*:falsch\nlocalhost:5432:lotse:erika:richtig\\:1\n*:*:*:*:fallback\n",
        )
        .unwrap();
        #[cfg(unix)]
        std::fs::set_permissions(&passfile, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
        let conninfo = format!("host=/run/postgresql dbname=lotse user=erika passfile={}", passfile.display());
        assert_eq!(target(&conninfo, &no_env).unwrap().config.get_password(), Some(&b"richtig:1"[..]));
        let conninfo = format!("host=db.example dbname=lotse user=max passfile={}", passfile.display());
        assert_eq!(target(&conninfo, &no_env).unwrap().config.get_password(), Some(&b"fallback"[..]));
        #[cfg(unix)]
        {
            std::fs::set_permissions(&passfile, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();
            assert_eq!(target(&conninfo, &no_env).unwrap().config.get_password(), None, "readable by others");
        }
    }

    #[test]
    fn unknown_keywords_and_modes_are_refused() {
        assert!(matches!(target("host=x colour=blue", &no_env), Err(StoreError::BadConninfo(_))));
        assert!(matches!(target("postgresql://x/y?sslmode=sometimes", &no_env), Err(StoreError::BadConninfo(_))));
        assert!(matches!(target("host='open", &no_env), Err(StoreError::BadConninfo(_))));
    }

    #[test]
    fn every_libpq_sslmode_is_understood() {
        let tls = |mode: &str| target(&format!("host=x sslmode={mode} sslrootcert=/etc/ca.pem"), &no_env).unwrap().tls;
        let root = PathBuf::from("/etc/ca.pem");
        assert_eq!(tls("allow"), Tls::Allow);
        assert_eq!(tls("prefer"), Tls::Prefer);
        assert_eq!(tls("verify-ca"), Tls::VerifyCa { root: root.clone() });
        assert_eq!(tls("verify-full"), Tls::VerifyFull { root });
    }
}
