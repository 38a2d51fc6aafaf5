//! The receipt printer and the shop's heading: `[printer]` and `[shop]` in config.toml.
//!
//! No `printer.kind` (or `"none"`) means no printer: nothing is printed and nothing waits for
//! one. The slips themselves are `crate::receipt`.

use super::{ConfigError, FileConfig};
use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

/// The raw-printing port of network receipt printers.
pub const DEFAULT_PORT: u16 = 9100;

/// Characters a line of Font A holds on 58 mm paper (48 mm printable) and on 80 mm paper.
pub const COLUMNS_58: usize = 32;
pub const COLUMNS_80: usize = 48;

/// Where the slips go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PrinterTarget {
    /// A network printer: raw TCP (port 9100 unless the address names another).
    Network { host: String, port: u16 },
    /// A printer the system shows as a device, written like a file: USB (`/dev/usb/lp0`; on
    /// Windows a shared printer `\\localhost\Receipt`) or serial (`/dev/ttyS0`, `COM1`, set
    /// to the printer's speed by the system).
    Device { kind: DeviceKind, path: PathBuf },
    /// A file the slips are added to (tests, a spooler's folder, a check without paper).
    File(PathBuf),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeviceKind {
    Usb,
    Serial,
}

impl PrinterTarget {
    /// `--printer`: `file:PATH`, `tcp:HOST:PORT` (or `tcp:HOST`, port 9100).
    pub fn from_flag(flag: &str) -> Option<PrinterTarget> {
        if let Some(path) = flag.strip_prefix("file:") {
            return (!path.is_empty()).then(|| PrinterTarget::File(PathBuf::from(path)));
        }
        flag.strip_prefix("tcp:").and_then(network)
    }
}

/// `host`, `host:port`, `[v6]:port`.
fn network(address: &str) -> Option<PrinterTarget> {
    let address = address.trim();
    let (host, port) = match address.rsplit_once(':') {
        // A bare IPv6 address has colons but no brackets: no port then.
        Some((h, p)) if !h.contains(':') || h.ends_with(']') => (h, p.parse::<u16>().ok()?),
        _ => (address, DEFAULT_PORT),
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '_');
    (!host.is_empty() && host.chars().all(plain) && port != 0).then(|| PrinterTarget::Network {
        host: host.to_string(),
        port,
    })
}

impl fmt::Display for PrinterTarget {
    /// As `flexy-pos config` shows it: `tcp:192.168.1.50:9100`, `usb:/dev/usb/lp0`, `file:…`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PrinterTarget::Network { host, port } if host.contains(':') => {
                write!(f, "tcp:[{host}]:{port}")
            }
            PrinterTarget::Network { host, port } => write!(f, "tcp:{host}:{port}"),
            PrinterTarget::Device {
                kind: DeviceKind::Usb,
                path,
            } => write!(f, "usb:{}", path.display()),
            PrinterTarget::Device {
                kind: DeviceKind::Serial,
                path,
            } => write!(f, "serial:{}", path.display()),
            PrinterTarget::File(path) => write!(f, "file:{}", path.display()),
        }
    }
}

/// The printer settings in force.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrinterSettings {
    /// `None`: no printer configured.
    pub target: Option<PrinterTarget>,
    /// Paper width (58 or 80 mm).
    pub width_mm: u16,
    /// `ESC t n` of the printer's Arabic table (PC864) and of its Latin table (PC858).
    pub arabic_table: u8,
    pub latin_table: u8,
    /// Print the slip of every sale that comes back FULFILLED, unasked.
    pub auto_print: bool,
    /// A print that takes longer is given up (the slip can be printed again later).
    pub timeout: Duration,
}

impl Default for PrinterSettings {
    fn default() -> Self {
        PrinterSettings::from_file(&FileConfig::default()).unwrap_or(PrinterSettings {
            target: None,
            width_mm: 58,
            arabic_table: 37,
            latin_table: 19,
            auto_print: false,
            timeout: Duration::from_secs(10),
        })
    }
}

impl PrinterSettings {
    /// Characters a line holds at this paper width.
    pub fn columns(&self) -> usize {
        if self.width_mm >= 80 {
            COLUMNS_80
        } else {
            COLUMNS_58
        }
    }

    /// From the file (numbers already in range); a printer kind without a usable address is
    /// an error (the address is not shown).
    pub fn from_file(file: &FileConfig) -> Result<PrinterSettings, ConfigError> {
        let address = file.text("printer.address").map(str::trim);
        let path = || {
            address
                .filter(|a| !a.is_empty())
                .map(PathBuf::from)
                .ok_or(ConfigError::BadPrinter)
        };
        let target = match file.text("printer.kind").unwrap_or("none") {
            "network" => Some(network(address.unwrap_or("")).ok_or(ConfigError::BadPrinter)?),
            "usb" => Some(PrinterTarget::Device {
                kind: DeviceKind::Usb,
                path: path()?,
            }),
            "serial" => Some(PrinterTarget::Device {
                kind: DeviceKind::Serial,
                path: path()?,
            }),
            "file" => Some(PrinterTarget::File(path()?)),
            _ => None,
        };
        let byte = |name| u8::try_from(file.whole(name)).unwrap_or(0);
        Ok(PrinterSettings {
            target,
            width_mm: u16::try_from(file.whole("printer.width_mm")).unwrap_or(58),
            arabic_table: byte("printer.code_page"),
            latin_table: byte("printer.latin_code_page"),
            auto_print: file.text("printer.auto_print") == Some("fulfilled"),
            timeout: Duration::from_secs(file.whole("printer.timeout_secs").max(1).unsigned_abs()),
        })
    }
}

/// The shop as its slips name it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShopInfo {
    pub name: String,
    pub address: String,
}

impl ShopInfo {
    pub fn from_file(file: &FileConfig) -> ShopInfo {
        let text = |name| file.text(name).unwrap_or("").trim().to_string();
        ShopInfo {
            name: text("shop.name"),
            address: text("shop.address"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse_text;

    #[test]
    fn no_kind_means_no_printer_and_each_kind_reads_its_address() {
        let none = PrinterSettings::from_file(&parse_text("").unwrap()).unwrap();
        assert_eq!(none.target, None);
        assert_eq!(
            (none.columns(), none.arabic_table, none.latin_table),
            (32, 37, 19)
        );
        let f = parse_text(
            "[printer]\nkind = \"network\"\naddress = \"192.168.1.50\"\nwidth_mm = 80\n\
             auto_print = \"fulfilled\"\n[shop]\nname = \"Taxiphone\"\n",
        )
        .unwrap();
        let p = PrinterSettings::from_file(&f).unwrap();
        assert_eq!(
            p.target,
            Some(PrinterTarget::Network {
                host: "192.168.1.50".into(),
                port: 9100
            })
        );
        assert!(p.auto_print);
        assert_eq!(p.columns(), 48);
        assert_eq!(ShopInfo::from_file(&f).name, "Taxiphone");
        let usb = parse_text("[printer]\nkind = \"usb\"\naddress = \"/dev/usb/lp0\"\n").unwrap();
        assert_eq!(
            PrinterSettings::from_file(&usb)
                .unwrap()
                .target
                .unwrap()
                .to_string(),
            "usb:/dev/usb/lp0"
        );
        let missing = parse_text("[printer]\nkind = \"serial\"\n").unwrap();
        assert!(matches!(
            PrinterSettings::from_file(&missing),
            Err(ConfigError::BadPrinter)
        ));
        assert!(parse_text("[printer]\nkind = \"bluetooth\"\n").is_err());
        assert!(parse_text("[printer]\nwidth_mm = 100\n").is_err());
    }

    #[test]
    fn the_printer_flag_names_a_file_or_a_network_printer() {
        assert_eq!(
            PrinterTarget::from_flag("tcp:127.0.0.1:9101"),
            Some(PrinterTarget::Network {
                host: "127.0.0.1".into(),
                port: 9101
            })
        );
        assert_eq!(
            PrinterTarget::from_flag("tcp:[::1]:9100").map(|t| t.to_string()),
            Some("tcp:[::1]:9100".into())
        );
        assert_eq!(
            PrinterTarget::from_flag("file:/tmp/slip.bin"),
            Some(PrinterTarget::File("/tmp/slip.bin".into()))
        );
        assert_eq!(PrinterTarget::from_flag("tcp:host:99999"), None);
        assert_eq!(PrinterTarget::from_flag("lpt1"), None);
        assert_eq!(PrinterTarget::from_flag("file:"), None);
    }
}
