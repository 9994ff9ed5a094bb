//! Connecting as a team's IT sets it up: TCP with TLS checked against the
//! office's own CA, passwords from the URL, PGPASSWORD or ~/.pgpass, and
//! clear messages naming the server when something does not fit. A
//! password never shows.

mod common;

use std::path::Path;
use std::process::Command;

use common::binary::{command, failed, succeeded};
use common::pg::{Cluster, client, skip};

const PASSWORD: &str = "Rathaus-2020";

fn openssl(dir: &Path, args: &[&str]) {
    let output = Command::new("openssl").args(args).current_dir(dir).output().expect("openssl is installed");
    assert!(output.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&output.stderr));
}

/// A server certificate for localhost and 127.0.0.1, signed by the CA `ca`.
fn make_certificates(dir: &Path) {
    for ca in ["ca", "fremde-ca"] {
        openssl(
            dir,
            &[
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-days",
                "2",
                "-keyout",
                &format!("{ca}.key"),
                "-out",
                &format!("{ca}.pem"),
                "-subj",
                &format!("/CN={ca}"),
            ],
        );
    }
    openssl(
        dir,
        &[
            "req",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-keyout",
            "server.key",
            "-out",
            "server.csr",
            "-subj",
            "/CN=localhost",
        ],
    );
    std::fs::write(dir.join("ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n").unwrap();
    openssl(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "server.crt",
            "-days",
            "2",
            "-extfile",
            "ext",
        ],
    );
}

/// A server on 127.0.0.1 that takes password logins over TCP only with TLS.
fn tls_cluster(certificates: &Path) -> Option<Cluster> {
    let cluster = Cluster::start_with(
        true,
        &["ssl = on", "ssl_cert_file = 'server.crt'", "ssl_key_file = 'server.key'"],
        |data| {
            for file in ["server.crt", "server.key"] {
                std::fs::copy(certificates.join(file), data.join(file)).unwrap();
            }
            #[cfg(unix)]
            std::fs::set_permissions(data.join("server.key"), std::os::unix::fs::PermissionsExt::from_mode(0o600))
                .unwrap();
            std::fs::write(
                data.join("pg_hba.conf"),
                "local all all trust\nhostssl all all 127.0.0.1/32 scram-sha-256\n",
            )
            .unwrap();
        },
    )?;
    let mut admin = client(&cluster.url("postgres"));
    admin.batch_execute(&format!("ALTER USER postgres PASSWORD '{PASSWORD}'")).unwrap();
    admin.batch_execute("CREATE DATABASE team").unwrap();
    Some(cluster)
}

#[test]
fn tls_passwords_and_their_failures() {
    let dir = tempfile::tempdir().unwrap();
    make_certificates(dir.path());
    let Some(cluster) = tls_cluster(dir.path()) else { return skip("tls_passwords_and_their_failures") };
    let port = cluster.port();
    let ca = dir.path().join("ca.pem").display().to_string();
    let wrong_ca = dir.path().join("fremde-ca.pem").display().to_string();
    let url = |password: &str, query: &str| format!("postgresql://postgres:{password}@localhost:{port}/team?{query}");

    // verify-full with the office's CA: the certificate and the host name check out.
    succeeded(
        &command(Path::new(&url(PASSWORD, &format!("sslmode=verify-full&sslrootcert={ca}"))), &["regions"])
            .output()
            .unwrap(),
    );
    // require: encrypted without checking, as libpq does.
    succeeded(&command(Path::new(&url(PASSWORD, "sslmode=require")), &["regions"]).output().unwrap());
    // allow: plain text first; this server turns it away, so TLS after all.
    succeeded(&command(Path::new(&url(PASSWORD, "sslmode=allow")), &["regions"]).output().unwrap());
    failed(&command(Path::new(&url(PASSWORD, "sslmode=disable")), &["regions"]).output().unwrap());

    // The certificate names localhost; reached under another name (the
    // address from hostaddr), verify-ca checks only the chain and accepts
    // it, verify-full insists on the name and refuses it.
    let other_name = |query: &str| {
        format!("postgresql://postgres:{PASSWORD}@rathaus.example:{port}/team?hostaddr=127.0.0.1&{query}")
    };
    succeeded(
        &command(Path::new(&other_name(&format!("sslmode=verify-ca&sslrootcert={ca}"))), &["regions"])
            .output()
            .unwrap(),
    );
    let message = failed(
        &command(Path::new(&other_name(&format!("sslmode=verify-full&sslrootcert={ca}"))), &["regions"])
            .output()
            .unwrap(),
    );
    assert!(
        message.contains("verschlüsselte Verbindung")
            && message.contains("gilt aber nicht für den Namen rathaus.example"),
        "{message}"
    );
    // verify-ca still wants the office's CA.
    let message = failed(
        &command(Path::new(&other_name(&format!("sslmode=verify-ca&sslrootcert={wrong_ca}"))), &["regions"])
            .output()
            .unwrap(),
    );
    assert!(
        message.contains("nicht von der CA in sslrootcert ausgestellt") && message.contains("rathaus.example"),
        "{message}"
    );
    assert!(!message.contains(PASSWORD), "{message}");

    let message = failed(
        &command(Path::new(&url(PASSWORD, &format!("sslmode=verify-full&sslrootcert={wrong_ca}"))), &["regions"])
            .output()
            .unwrap(),
    );
    assert!(
        message.contains("verschlüsselte Verbindung")
            && message.contains("localhost")
            && message.contains(&port.to_string()),
        "{message}"
    );
    assert!(!message.contains(PASSWORD), "{message}");

    let message =
        failed(&command(Path::new(&url("falsch-geraten", "sslmode=require")), &["regions"]).output().unwrap());
    assert!(message.contains("Passwort") && message.contains("postgres") && message.contains("team"), "{message}");
    assert!(!message.contains("falsch-geraten"), "{message}");

    // The password from PGPASSWORD, and from ~/.pgpass.
    let without_password = format!("postgresql://postgres@localhost:{port}/team?sslmode=require");
    succeeded(&command(Path::new(&without_password), &["regions"]).env("PGPASSWORD", PASSWORD).output().unwrap());
    let home = tempfile::tempdir().unwrap();
    let pgpass = home.path().join(".pgpass");
    std::fs::write(&pgpass, format!("localhost:{port}:team:postgres:{PASSWORD}\n")).unwrap();
    #[cfg(unix)]
    std::fs::set_permissions(&pgpass, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    succeeded(&command(Path::new(&without_password), &["regions"]).env("HOME", home.path()).output().unwrap());
    // libpq's variables instead of a URL.
    let by_variables = command(Path::new("dbname=team"), &["regions"])
        .env("PGHOST", "localhost")
        .env("PGPORT", port.to_string())
        .env("PGUSER", "postgres")
        .env("PGSSLMODE", "require")
        .env("HOME", home.path())
        .output()
        .unwrap();
    succeeded(&by_variables);
}
