//! A throwaway PostgreSQL server for the tests: initdb and pg_ctl from
//! Debian's packages, a Unix socket in a temporary directory, run as
//! `nobody` because the server refuses to run as root. Each test gets a
//! database of its own. `LOTSE_TEST_PG=URL` uses an existing server
//! instead. Without either the PostgreSQL tests are skipped, loudly, and
//! with `CI=true` they fail.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The unprivileged account the server runs as.
const SERVER_USER: &str = "nobody";
const SERVER_GROUP: &str = "nogroup";

/// The newest installed server's binaries.
pub fn server_binaries() -> Option<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|entry| entry.ok().map(|entry| entry.path().join("bin")))
        .filter(|bin| bin.join("initdb").exists() && bin.join("pg_ctl").exists())
        .collect();
    found.sort_by_key(|bin| {
        bin.parent().and_then(|version| version.file_name()?.to_str()?.parse::<u32>().ok()).unwrap_or(0)
    });
    found.pop()
}

/// A server of our own, stopped (and its files removed) when dropped. A
/// watchdog process stops it too if this process dies without dropping it.
pub struct Cluster {
    dir: tempfile::TempDir,
    bin: PathBuf,
    port: u16,
    /// TCP on 127.0.0.1 as well as the socket, for the TLS tests.
    listen_tcp: bool,
    watchdog: Child,
}

/// Whether the tests run as root, who must hand the server to `nobody`;
/// anyone else runs it as themselves.
fn running_as_root() -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata("/proc/self").is_ok_and(|process| process.uid() == 0)
    }
    #[cfg(not(unix))]
    false
}

fn as_server_user(program: &Path) -> Command {
    let mut command = if running_as_root() {
        let mut setpriv = Command::new("setpriv");
        setpriv.args([
            &format!("--reuid={SERVER_USER}"),
            &format!("--regid={SERVER_GROUP}"),
            "--clear-groups",
            "--reset-env",
        ]);
        setpriv.arg(program);
        setpriv
    } else {
        Command::new(program)
    };
    command.current_dir("/").stdin(Stdio::null());
    command
}

/// Gives `path` to the server's account, when that is not us.
fn hand_over(path: &Path) {
    if running_as_root() {
        let mut chown = Command::new("chown");
        chown.arg("-R").arg(format!("{SERVER_USER}:{SERVER_GROUP}")).arg(path);
        run(chown, "chown");
    }
}

fn run(mut command: Command, what: &str) {
    let output = command.output().unwrap_or_else(|error| panic!("{what}: {error}"));
    assert!(
        output.status.success(),
        "{what} failed: {}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A TCP port nobody listens on right now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl Cluster {
    /// initdb and start a server; `None` without PostgreSQL binaries.
    pub fn start() -> Option<Cluster> {
        Cluster::start_with(false, &[], |_| {})
    }

    /// A server that also listens on 127.0.0.1 when asked, with extra
    /// `postgresql.conf` lines; `prepare` may put files (certificates,
    /// pg_hba.conf) into the data directory before it starts.
    pub fn start_with(listen_tcp: bool, settings: &[&str], prepare: impl FnOnce(&Path)) -> Option<Cluster> {
        let bin = server_binaries()?;
        let dir = tempfile::Builder::new().prefix("lotse-pg").tempdir().unwrap();
        let data = dir.path().join("data");
        std::fs::create_dir(&data).unwrap();
        hand_over(dir.path());
        let mut initdb = as_server_user(&bin.join("initdb"));
        initdb.arg("-D").arg(&data).args(["-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"]);
        run(initdb, "initdb");
        let mut conf =
            String::from("fsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = 60\n");
        for line in settings {
            conf.push_str(line);
            conf.push('\n');
        }
        let conf_path = data.join("postgresql.conf");
        let mut all = std::fs::read_to_string(&conf_path).unwrap();
        all.push_str(&conf);
        std::fs::write(&conf_path, all).unwrap();
        prepare(&data);
        hand_over(&data);
        let port = free_port();
        let as_server = if running_as_root() {
            format!("setpriv --reuid={SERVER_USER} --regid={SERVER_GROUP} --clear-groups")
        } else {
            String::new()
        };
        let watchdog = Command::new("sh")
            .arg("-c")
            .arg(format!(
                "while kill -0 {parent} 2>/dev/null; do sleep 1; done; \
                 {as_server} {pg_ctl} -D {data} stop -m immediate >/dev/null 2>&1; \
                 rm -rf {dir}",
                parent = std::process::id(),
                pg_ctl = bin.join("pg_ctl").display(),
                data = data.display(),
                dir = dir.path().display(),
            ))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let cluster = Cluster { dir, bin, port, listen_tcp, watchdog };
        cluster.start_server();
        Some(cluster)
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn socket_dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Where the server keeps its files, for certificates and the like.
    pub fn data_dir(&self) -> PathBuf {
        self.data()
    }

    /// Starts the (stopped) server again.
    pub fn start_server(&self) {
        let listen = if self.listen_tcp { "127.0.0.1" } else { "" };
        let mut pg_ctl = as_server_user(&self.bin.join("pg_ctl"));
        pg_ctl.arg("-D").arg(self.data()).arg("-l").arg(self.dir.path().join("server.log")).args([
            "-w",
            "-o",
            &format!("-k {} -p {} -c listen_addresses='{listen}'", self.socket_dir().display(), self.port),
            "start",
        ]);
        run(pg_ctl, "pg_ctl start");
    }

    /// Stops the server at once, as a crash or a restart by IT would.
    pub fn stop_server(&self) {
        let mut pg_ctl = as_server_user(&self.bin.join("pg_ctl"));
        pg_ctl.arg("-D").arg(self.data()).args(["-w", "stop", "-m", "fast"]);
        run(pg_ctl, "pg_ctl stop");
    }

    /// A URL for `login` without characters a shell would read: the socket
    /// directory percent-encoded as the host, as libpq allows.
    pub fn shell_safe_url(&self, login: &str, dbname: &str) -> String {
        let socket: String = self
            .socket_dir()
            .display()
            .to_string()
            .bytes()
            .map(|byte| {
                if byte.is_ascii_alphanumeric() || byte == b'-' {
                    (byte as char).to_string()
                } else {
                    format!("%{byte:02X}")
                }
            })
            .collect();
        format!("postgresql://{login}@{socket}:{}/{dbname}", self.port)
    }

    /// A URL for `dbname` as the superuser, over the socket.
    pub fn url(&self, dbname: &str) -> String {
        format!(
            "postgresql://postgres@/{dbname}?host={}&port={}&sslmode=disable",
            self.socket_dir().display(),
            self.port
        )
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let mut pg_ctl = as_server_user(&self.bin.join("pg_ctl"));
        pg_ctl.arg("-D").arg(self.data()).args(["stop", "-m", "immediate"]).stdout(Stdio::null()).stderr(Stdio::null());
        let _ = pg_ctl.status();
        let _ = self.watchdog.kill();
        let _ = self.watchdog.wait();
    }
}

/// Where the tests' databases are made: a URL for the maintenance database.
fn server() -> Option<&'static str> {
    static SERVER: OnceLock<Option<(Option<Cluster>, String)>> = OnceLock::new();
    SERVER
        .get_or_init(|| {
            if let Ok(url) = std::env::var("LOTSE_TEST_PG") {
                return Some((None, url));
            }
            let cluster = Cluster::start()?;
            let url = cluster.url("postgres");
            Some((Some(cluster), url))
        })
        .as_ref()
        .map(|(_, url)| url.as_str())
}

/// Says that a PostgreSQL test did not run, or fails it on CI.
pub fn skip(test: &str) {
    let message = format!(
        "PostgreSQL test {test} SKIPPED: no server binaries in /usr/lib/postgresql/*/bin and no LOTSE_TEST_PG. \
         Install Debian's postgresql package to run it."
    );
    if std::env::var("CI").is_ok_and(|value| value == "true") {
        panic!("{message} (CI=true: PostgreSQL tests must run)");
    }
    eprintln!("\n!!! {message}\n");
}

/// `url` with its database replaced by `dbname`.
pub fn with_dbname(url: &str, dbname: &str) -> String {
    let (scheme, rest) = url.split_once("://").expect("a postgresql:// URL");
    let (authority_and_path, query) =
        rest.split_once('?').map_or((rest, None), |(before, query)| (before, Some(query)));
    let authority = authority_and_path.split_once('/').map_or(authority_and_path, |(authority, _)| authority);
    match query {
        Some(query) => format!("{scheme}://{authority}/{dbname}?{query}"),
        None => format!("{scheme}://{authority}/{dbname}"),
    }
}

/// A connection to `url` for the test's own checks and set-up.
pub fn client(url: &str) -> postgres::Client {
    let config: postgres::Config = url.parse().unwrap();
    config.connect(postgres::NoTls).unwrap()
}

/// A database of its own for one test, dropped afterwards.
pub struct Database {
    pub url: String,
    pub used: bool,
    name: String,
    server: &'static str,
}

impl Database {
    /// A new, empty database; `None` (after saying so) without a server.
    pub fn create(test: &str) -> Option<Database> {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let Some(server) = server() else {
            skip(test);
            return None;
        };
        let name = format!("lotse_test_{}_{}", std::process::id(), COUNT.fetch_add(1, Ordering::Relaxed));
        client(server).batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
        Some(Database { url: with_dbname(server, &name), used: false, name, server })
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        if let Ok(mut admin) = std::panic::catch_unwind(|| client(self.server)) {
            let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name));
        }
    }
}
