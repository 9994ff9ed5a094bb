//! A web server of the tests' own on 127.0.0.1 and an ephemeral port,
//! serving fixtures and the bad cases a publisher's server can show.

use std::collections::HashMap;
use std::io::Read;
use std::net::TcpListener;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use tiny_http::{Header, Response, Server, StatusCode};

#[derive(Clone)]
pub enum Route {
    Document {
        content_type: String,
        bytes: Vec<u8>,
        etag: Option<String>,
    },
    Status {
        code: u16,
        headers: Vec<(String, String)>,
    },
    Redirect {
        to: String,
    },
    /// Bytes as they are, with the headers given (e.g. Content-Encoding).
    Raw {
        headers: Vec<(String, String)>,
        bytes: Vec<u8>,
    },
    /// A body that never ends, sent in chunks; counts what the client took.
    Endless {
        sent: Arc<AtomicU64>,
    },
}

impl Route {
    pub fn document(content_type: &str, bytes: &[u8]) -> Route {
        Route::Document { content_type: content_type.to_owned(), bytes: bytes.to_vec(), etag: None }
    }
}

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub path: String,
    pub if_none_match: Option<String>,
    pub user_agent: Option<String>,
}

pub struct FixtureServer {
    pub port: u16,
    routes: Arc<Mutex<HashMap<String, Route>>>,
    seen: Arc<Mutex<Vec<Seen>>>,
    server: Arc<Server>,
    thread: Option<JoinHandle<()>>,
}

impl FixtureServer {
    pub fn start() -> FixtureServer {
        let server = Arc::new(Server::http("127.0.0.1:0").unwrap());
        let port = server.server_addr().to_ip().unwrap().port();
        let routes: Arc<Mutex<HashMap<String, Route>>> = Arc::default();
        let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
        let thread = {
            let (server, routes, seen) = (server.clone(), routes.clone(), seen.clone());
            std::thread::spawn(move || {
                for request in server.incoming_requests() {
                    let header = |name: &str| {
                        request
                            .headers()
                            .iter()
                            .find(|header| header.field.as_str().as_str().eq_ignore_ascii_case(name))
                            .map(|header| header.value.as_str().to_owned())
                    };
                    seen.lock().unwrap().push(Seen {
                        path: request.url().to_owned(),
                        if_none_match: header("If-None-Match"),
                        user_agent: header("User-Agent"),
                    });
                    let route = routes.lock().unwrap().get(request.url()).cloned();
                    // Each answer on its own thread: a sync asks for several sources at once.
                    std::thread::spawn(move || answer(request, route));
                }
            })
        };
        FixtureServer { port, routes, seen, server, thread: Some(thread) }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    pub fn serve(&self, path: &str, route: Route) {
        self.routes.lock().unwrap().insert(path.to_owned(), route);
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

impl Drop for FixtureServer {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).unwrap()
}

fn answer(request: tiny_http::Request, route: Option<Route>) {
    let asked_etag = request
        .headers()
        .iter()
        .find(|header| header.field.equiv("If-None-Match"))
        .map(|header| header.value.as_str().to_owned());
    // A client that hung up (as lotse does past the size limit) is no failure of the test.
    let _ = match route {
        None => request.respond(Response::from_string("nicht gefunden").with_status_code(404)),
        Some(Route::Document { etag: Some(etag), .. }) if asked_etag.as_deref() == Some(etag.as_str()) => {
            request.respond(Response::empty(304).with_header(header("ETag", &etag)))
        }
        Some(Route::Document { content_type, bytes, etag }) => {
            let mut response = Response::from_data(bytes).with_header(header("Content-Type", &content_type));
            if let Some(etag) = etag {
                response = response.with_header(header("ETag", &etag));
            }
            request.respond(response)
        }
        Some(Route::Status { code, headers }) => {
            let mut response = Response::from_string("Fehler").with_status_code(StatusCode(code));
            for (name, value) in headers {
                response = response.with_header(header(&name, &value));
            }
            request.respond(response)
        }
        Some(Route::Raw { headers, bytes }) => {
            let mut response = Response::from_data(bytes);
            for (name, value) in headers {
                response = response.with_header(header(&name, &value));
            }
            request.respond(response)
        }
        Some(Route::Redirect { to }) => request.respond(Response::empty(302).with_header(header("Location", &to))),
        Some(Route::Endless { sent }) => {
            let body = Endless { sent, left: 200_000_000 };
            let response =
                Response::new(StatusCode(200), vec![header("Content-Type", "text/calendar")], body, None, None);
            request.respond(response)
        }
    };
}

/// "BEGIN:VCALENDAR" and then the same line over and over.
struct Endless {
    sent: Arc<AtomicU64>,
    left: u64,
}

impl Read for Endless {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        let line = b"X-FUELLUNG:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n";
        let first = self.sent.load(Ordering::SeqCst) == 0;
        let mut written = 0;
        if first {
            let start = b"BEGIN:VCALENDAR\r\n";
            buffer[..start.len()].copy_from_slice(start);
            written = start.len();
        }
        while written + line.len() <= buffer.len() && self.left > 0 {
            buffer[written..written + line.len()].copy_from_slice(line);
            written += line.len();
            self.left = self.left.saturating_sub(line.len() as u64);
        }
        self.sent.fetch_add(written as u64, Ordering::SeqCst);
        Ok(written)
    }
}

/// A server that takes connections and never answers them.
pub fn silent_server() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            held.push(stream);
            if held.len() > 8 {
                break;
            }
        }
        std::thread::sleep(Duration::from_secs(30));
    });
    port
}

/// An HTTP proxy as municipal networks have them, for CONNECT: whatever
/// host it is asked for, it tunnels to the test's server on `target`, so
/// no other address is ever contacted. Returns its port and the targets asked for.
pub fn tunnel_proxy(target: u16) -> (u16, Arc<Mutex<Vec<String>>>) {
    use std::io::{BufRead, BufReader, Write};
    use std::net::TcpStream;
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let asked: Arc<Mutex<Vec<String>>> = Arc::default();
    let noted = asked.clone();
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            let noted = noted.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(client.try_clone().unwrap());
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                noted.lock().unwrap().push(line.split_whitespace().nth(1).unwrap_or_default().to_owned());
                // The rest of the request head.
                loop {
                    let mut header = String::new();
                    if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
                        break;
                    }
                }
                let server = TcpStream::connect(("127.0.0.1", target)).unwrap();
                let mut client = client;
                client.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n").unwrap();
                let (mut from_server, mut to_client) = (server.try_clone().unwrap(), client.try_clone().unwrap());
                std::thread::spawn(move || {
                    let _ = std::io::copy(&mut from_server, &mut to_client);
                });
                let mut to_server = server;
                let _ = std::io::copy(&mut reader, &mut to_server);
            });
        }
    });
    (port, asked)
}
