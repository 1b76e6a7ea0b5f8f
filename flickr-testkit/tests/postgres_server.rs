//! The throwaway PostgreSQL: starts (as root too), answers over TCP and on
//! its Unix socket, keeps its data across a stop and a crash, and leaves
//! nothing behind.

use std::process::Command;

use flickr_testkit::postgres_server::{test_postgres, PostgresServer};

fn psql(server: &PostgresServer, sql: &str) -> Option<String> {
    let out = Command::new("psql")
        .args(["-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql])
        .arg(server.url())
        .output()
        .ok()?;
    assert!(
        out.status.success(),
        "psql {sql}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

#[test]
fn starts_restarts_and_cleans_up() {
    let Some(mut pg) = test_postgres("postgres_starts_restarts_and_cleans_up") else {
        return;
    };
    let url = pg.url();
    assert_eq!(
        url,
        format!(
            "postgres://postgres@127.0.0.1:{}/postgres_starts_restarts_and_cleans_up",
            pg.port()
        )
    );
    assert!(pg.answers());
    assert!(std::net::TcpStream::connect(("127.0.0.1", pg.port())).is_ok());
    let dir = pg.dir().to_owned();
    assert!(dir.join("data").join("PG_VERSION").is_file());
    // psql, when installed, sees the same database and keeps a table across restarts.
    let with_psql = psql(
        &pg,
        "CREATE TABLE kept (n int); INSERT INTO kept VALUES (7)",
    )
    .is_some();

    pg.stop();
    assert!(!pg.answers(), "still answering after stop");
    pg.start_again().expect("starts again");
    assert_eq!(pg.url(), url, "same port and database after a restart");
    assert!(pg.answers());
    if with_psql {
        assert_eq!(psql(&pg, "SELECT n FROM kept").as_deref(), Some("7"));
    }

    pg.kill();
    assert!(!pg.answers());
    pg.start_again().expect("recovers after a crash");
    assert!(pg.answers());
    if with_psql {
        assert_eq!(psql(&pg, "SELECT count(*) FROM kept").as_deref(), Some("1"));
    }

    drop(pg);
    assert!(!dir.exists(), "{} left behind", dir.display());
}

#[test]
fn two_servers_side_by_side() {
    let (Some(a), Some(b)) = (test_postgres("side_a"), test_postgres("side_b")) else {
        return;
    };
    assert_ne!(a.port(), b.port());
    assert_ne!(a.dir(), b.dir());
    assert!(a.answers() && b.answers());
    assert_eq!(b.database(), "side_b");
}
