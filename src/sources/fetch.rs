//! The only part of lotse that talks HTTP: one conditional GET with
//! limits, bytes and metadata out.

use std::io::ErrorKind;
use std::time::Duration;

use ureq::http::Uri;

use super::model::Failure;

/// Limits and routes for fetching; the defaults are the issue's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchConfig {
    pub connect_timeout: Duration,
    pub total_timeout: Duration,
    /// Bytes a document may have, enforced while it is read.
    pub body_limit: u64,
    /// A proxy from config.toml; without it HTTPS_PROXY, HTTP_PROXY and NO_PROXY apply.
    pub proxy: Option<String>,
}

impl Default for FetchConfig {
    fn default() -> FetchConfig {
        FetchConfig {
            connect_timeout: Duration::from_secs(10),
            total_timeout: Duration::from_secs(30),
            body_limit: 20_000_000,
            proxy: None,
        }
    }
}

pub const MAX_REDIRECTS: u32 = 5;

/// What the last fetch learned, sent back so the server can answer 304.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub bytes: Vec<u8>,
    pub content_type: Option<String>,
    /// Where the document was found after redirects.
    pub url: String,
    pub validators: Validators,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    NotModified,
    Document(Document),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchError {
    pub failure: Failure,
    /// From a 429 or 503 with Retry-After: how long the server asks to wait.
    pub retry_after: Option<Duration>,
}

impl From<Failure> for FetchError {
    fn from(failure: Failure) -> FetchError {
        FetchError { failure, retry_after: None }
    }
}

pub struct Fetcher {
    agent: ureq::Agent,
    config: FetchConfig,
}

impl Fetcher {
    pub fn new(config: FetchConfig) -> Result<Fetcher, Failure> {
        let proxy = match &config.proxy {
            Some(proxy) => Some(configured_proxy(proxy)?),
            None => ureq::Proxy::try_from_env(),
        };
        let agent = ureq::Agent::config_builder()
            .timeout_connect(Some(config.connect_timeout))
            .timeout_global(Some(config.total_timeout))
            .max_redirects(0)
            .max_redirects_will_error(false)
            .http_status_as_error(false)
            .user_agent(concat!("lotse/", env!("CARGO_PKG_VERSION")))
            .proxy(proxy)
            .build()
            .into();
        Ok(Fetcher { agent, config })
    }

    pub fn fetch(&self, url: &str, validators: &Validators) -> Result<Fetched, FetchError> {
        // Redirects are followed here, not by ureq, so that a loop is told as one.
        let mut url = http_url(url)?;
        let mut seen = vec![url.clone()];
        let mut response = loop {
            // ureq unpacks gzip itself; deflate is unpacked below.
            let mut request = self.agent.get(&url).header("Accept-Encoding", "gzip, deflate");
            if let Some(etag) = &validators.etag {
                request = request.header("If-None-Match", etag);
            }
            if let Some(last_modified) = &validators.last_modified {
                request = request.header("If-Modified-Since", last_modified);
            }
            let response = request.call().map_err(|error| self.failure(error))?;
            if !matches!(response.status().as_u16(), 301 | 302 | 303 | 307 | 308) {
                break response;
            }
            let location = response.headers().get("location").and_then(|value| value.to_str().ok());
            let next = location
                .and_then(|location| url::Url::parse(&url).ok()?.join(location.trim()).ok())
                .map(|next| next.to_string())
                .ok_or_else(|| Failure::BadUrl { url: location.unwrap_or_default().to_owned() })?;
            let next = http_url(&next)?;
            if seen.contains(&next) {
                return Err(Failure::RedirectLoop { url: next }.into());
            }
            if seen.len() > MAX_REDIRECTS as usize {
                return Err(Failure::TooManyRedirects { max: MAX_REDIRECTS }.into());
            }
            seen.push(next.clone());
            url = next;
        };
        let status = response.status().as_u16();
        let header = |name: &str| {
            response.headers().get(name).and_then(|value| value.to_str().ok()).map(|value| value.trim().to_owned())
        };
        match status {
            304 => return Ok(Fetched::NotModified),
            429 | 503 => {
                let retry_after = header("retry-after").and_then(|value| retry_after(&value));
                return Err(FetchError { failure: Failure::Throttled { code: status }, retry_after });
            }
            200..=299 => {}
            _ => return Err(Failure::Status { code: status }.into()),
        }
        let content_type = header("content-type");
        let deflated = header("content-encoding").is_some_and(|encoding| encoding.eq_ignore_ascii_case("deflate"));
        let found_at = url;
        let validators = Validators { etag: header("etag"), last_modified: header("last-modified") };
        let bytes = response
            .body_mut()
            .with_config()
            .limit(self.config.body_limit)
            .read_to_vec()
            .map_err(|error| self.failure(error))?;
        let bytes = if deflated { inflate(&bytes, self.config.body_limit)? } else { bytes };
        Ok(Fetched::Document(Document { bytes, content_type, url: found_at, validators }))
    }

    fn failure(&self, error: ureq::Error) -> FetchError {
        let failure = match error {
            ureq::Error::Timeout(ureq::Timeout::Connect | ureq::Timeout::Resolve) => {
                Failure::Timeout { seconds: self.config.connect_timeout.as_secs().max(1) }
            }
            ureq::Error::Timeout(_) => Failure::Timeout { seconds: self.config.total_timeout.as_secs().max(1) },
            ureq::Error::TooManyRedirects => Failure::TooManyRedirects { max: MAX_REDIRECTS },
            ureq::Error::BodyExceedsLimit(_) => Failure::TooLarge { limit: self.config.body_limit },
            ureq::Error::Io(error) if error.kind() == ErrorKind::TimedOut => {
                Failure::Timeout { seconds: self.config.connect_timeout.as_secs().max(1) }
            }
            ureq::Error::Io(error) if error.kind() == ErrorKind::ConnectionRefused => {
                Failure::Unreachable { detail: "connection refused".to_owned() }
            }
            ureq::Error::HostNotFound => Failure::Unreachable { detail: "host not found".to_owned() },
            ureq::Error::BadUri(uri) => Failure::BadUrl { url: uri },
            other => Failure::Unreachable { detail: other.to_string() },
        };
        failure.into()
    }
}

/// A deflate body unpacked, within the same limit as any body: the
/// standard's zlib wrapping, or the bare stream some servers send.
fn inflate(packed: &[u8], limit: u64) -> Result<Vec<u8>, Failure> {
    use std::io::Read;
    let unpack = |reader: &mut dyn Read| -> std::io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        reader.take(limit + 1).read_to_end(&mut bytes)?;
        Ok(bytes)
    };
    let bytes = unpack(&mut flate2::read::ZlibDecoder::new(packed))
        .or_else(|_| unpack(&mut flate2::read::DeflateDecoder::new(packed)))
        .map_err(|error| Failure::Unreachable { detail: format!("deflate: {error}") })?;
    if bytes.len() as u64 > limit {
        return Err(Failure::TooLarge { limit });
    }
    Ok(bytes)
}

/// The address to ask: webcal:// is a calendar over https.
pub fn http_url(url: &str) -> Result<String, Failure> {
    let url = url.trim();
    let lowered = url.to_ascii_lowercase();
    let url = if let Some(rest) = lowered.strip_prefix("webcal://").map(|_| &url["webcal://".len()..]) {
        format!("https://{rest}")
    } else if lowered.starts_with("http://") || lowered.starts_with("https://") {
        url.to_owned()
    } else {
        return Err(Failure::BadUrl { url: url.to_owned() });
    };
    match url.parse::<Uri>() {
        Ok(uri) if uri.host().is_some_and(|host| !host.is_empty()) => Ok(url),
        _ => Err(Failure::BadUrl { url }),
    }
}

/// Retry-After: seconds, or an HTTP date.
fn retry_after(value: &str) -> Option<Duration> {
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    (at.with_timezone(&chrono::Utc) - chrono::Utc::now()).to_std().ok()
}

/// The proxy from config.toml, which still lets NO_PROXY name hosts to reach directly.
fn configured_proxy(text: &str) -> Result<ureq::Proxy, Failure> {
    let bad = || Failure::BadUrl { url: text.to_owned() };
    let uri: Uri = text.trim().parse().map_err(|_| bad())?;
    let protocol = match uri.scheme_str().unwrap_or("http") {
        "http" => ureq::ProxyProtocol::Http,
        "https" => ureq::ProxyProtocol::Https,
        "socks5" => ureq::ProxyProtocol::Socks5,
        _ => return Err(bad()),
    };
    let mut builder = ureq::Proxy::builder(protocol).host(uri.host().ok_or_else(bad)?);
    if let Some(port) = uri.port_u16() {
        builder = builder.port(port);
    }
    for name in ["NO_PROXY", "no_proxy"] {
        if let Ok(hosts) = std::env::var(name)
            && !hosts.trim().is_empty()
        {
            builder = builder.no_proxy(&hosts);
            break;
        }
    }
    builder.build().map_err(|_| bad())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn webcal_is_https_and_other_schemes_are_refused() {
        assert_eq!(http_url("webcal://example.org/kal.ics").unwrap(), "https://example.org/kal.ics");
        assert_eq!(http_url(" http://127.0.0.1:8080/a ").unwrap(), "http://127.0.0.1:8080/a");
        assert!(http_url("ftp://example.org/").is_err());
        assert!(http_url("https://").is_err());
        assert!(http_url("kalender.ics").is_err());
    }

    #[test]
    fn retry_after_takes_seconds_or_a_date() {
        assert_eq!(retry_after("120"), Some(Duration::from_secs(120)));
        assert_eq!(retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None, "a date in the past asks for no wait");
        assert_eq!(retry_after("bald"), None);
    }

    #[test]
    fn a_configured_proxy_is_checked() {
        assert!(configured_proxy("http://proxy.stadt.example:3128").is_ok());
        assert!(configured_proxy("gopher://proxy").is_err());
    }
}
