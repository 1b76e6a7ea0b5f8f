//! Just enough of PostgreSQL's wire protocol (version 3.0) to tell that a
//! server lets a session in and to run one statement: the startup message,
//! trust authentication, a simple query, and its error message if refused.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::time::Duration;

use super::SUPERUSER;

/// Runs `sql` in a session as the superuser on `database` over the wire
/// protocol (version 3.0, trust authentication); the server's error message
/// if it refuses.
pub(super) fn simple_query(port: u16, database: &str, sql: &str) -> Result<(), String> {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let mut s =
        TcpStream::connect_timeout(&addr, Duration::from_millis(500)).map_err(|e| e.to_string())?;
    s.set_read_timeout(Some(Duration::from_secs(10)))
        .map_err(|e| e.to_string())?;
    let mut startup = 196_608u32.to_be_bytes().to_vec();
    for part in ["user", SUPERUSER, "database", database] {
        startup.extend_from_slice(part.as_bytes());
        startup.push(0);
    }
    startup.push(0);
    s.write_all(&frame(None, &startup))
        .map_err(|e| e.to_string())?;
    read_until_ready(&mut s)?;
    let mut query = sql.as_bytes().to_vec();
    query.push(0);
    s.write_all(&frame(Some(b'Q'), &query))
        .map_err(|e| e.to_string())?;
    let answer = read_until_ready(&mut s);
    let _ = s.write_all(&frame(Some(b'X'), &[]));
    answer
}

fn frame(tag: Option<u8>, body: &[u8]) -> Vec<u8> {
    let mut out: Vec<u8> = tag.into_iter().collect();
    out.extend_from_slice(&(body.len() as u32 + 4).to_be_bytes());
    out.extend_from_slice(body);
    out
}

/// Reads messages up to `ReadyForQuery`; an `ErrorResponse` on the way, or
/// an authentication request other than "OK", is the error.
fn read_until_ready(s: &mut TcpStream) -> Result<(), String> {
    let mut error: Option<String> = None;
    loop {
        let mut head = [0u8; 5];
        // A refused session (say, while starting up) ends after its error.
        let closed = |e: std::io::Error, error: Option<String>| error.unwrap_or(e.to_string());
        if let Err(e) = s.read_exact(&mut head) {
            return Err(closed(e, error));
        }
        let len = u32::from_be_bytes([head[1], head[2], head[3], head[4]]) as usize;
        let mut body = vec![0u8; len.saturating_sub(4)];
        if let Err(e) = s.read_exact(&mut body) {
            return Err(closed(e, error));
        }
        match head[0] {
            b'R' if body.get(..4) != Some(&[0, 0, 0, 0]) => {
                return Err("the server asks for a password".into())
            }
            b'E' => {
                // Fields: a type byte and a C string each; `M` is the message.
                let message = body
                    .split(|b| *b == 0)
                    .find_map(|f| f.strip_prefix(b"M"))
                    .map(|m| String::from_utf8_lossy(m).into_owned());
                error = Some(message.unwrap_or_else(|| "unknown error".into()));
            }
            b'Z' => return error.map_or(Ok(()), Err),
            _ => {}
        }
    }
}
