//! The API's address: the one rule of which base URLs the till may send its key and orders to,
//! shared by the settings (which check it as they are read) and the client (which uses it).

use url::Url;

/// The real API.
pub const DEFAULT_API_URL: &str = "https://api.oneclickdz.com";

/// Why an API base URL is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BadApiUrl {
    /// It does not parse (the parser's words).
    NotAUrl(String),
    /// Plain `http://` to another machine: the key would cross the network in clear.
    NotHttps,
    /// Another scheme (`ftp:`…).
    Scheme(String),
}

/// Checks an API base URL: it must parse, and be `https://` unless it points at this machine.
pub fn check(raw: &str) -> Result<Url, BadApiUrl> {
    let url = Url::parse(raw.trim()).map_err(|e| BadApiUrl::NotAUrl(e.to_string()))?;
    let loopback = match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    match url.scheme() {
        "https" => Ok(url),
        "http" if loopback => Ok(url),
        "http" => Err(BadApiUrl::NotHttps),
        other => Err(BadApiUrl::Scheme(other.to_string())),
    }
}
