//! Where a till listens: a Unix domain socket next to its store (Unix), a named pipe named
//! after its store (Windows). Both are for the same OS user only, and neither is a network
//! port.
//!
//! Unix: `<data>/<mode>/till.sock`, mode 0600 (bound under a temporary name, restricted, then
//! renamed into place, so it is never reachable with wider rights); each connection's peer
//! uid must be the till's. A socket left by a till that died (nothing accepts on it) is
//! replaced; one a live till serves is not.
//!
//! Windows: `\\.\pipe\flexy-pos-<hash of the store's path>`, remote clients refused; the
//! pipe's default security gives write access (which a command needs) to its creator, the
//! administrators and the system only. A pipe goes with its process: nothing goes stale.

use std::io;
use std::path::Path;
use tokio::io::{AsyncRead, AsyncWrite};

/// A connection either way.
pub trait Stream: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Stream for T {}

pub type Conn = Box<dyn Stream>;

/// The channel of the till holding one store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    #[cfg(unix)]
    path: std::path::PathBuf,
    #[cfg(windows)]
    name: String,
}

impl Endpoint {
    /// The endpoint of the store in `store_dir` (`<data>/live/store` → `<data>/live/till.sock`).
    pub fn for_store(store_dir: &Path) -> Endpoint {
        #[cfg(unix)]
        {
            let path = match store_dir.parent() {
                Some(parent) => parent.join("till.sock"),
                None => store_dir.with_extension("sock"),
            };
            Endpoint { path }
        }
        #[cfg(windows)]
        {
            use sha2::Digest;
            let digest =
                sha2::Sha256::digest(store_dir.to_string_lossy().to_lowercase().as_bytes());
            let hex: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
            Endpoint {
                name: format!(r"\\.\pipe\flexy-pos-{hex}"),
            }
        }
    }

    /// What to show of it (the socket's path, the pipe's name).
    pub fn display(&self) -> String {
        #[cfg(unix)]
        {
            self.path.display().to_string()
        }
        #[cfg(windows)]
        {
            self.name.clone()
        }
    }

    /// The socket file (Unix).
    #[cfg(unix)]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Connects to the till serving this endpoint.
    pub async fn connect(&self) -> io::Result<Conn> {
        #[cfg(unix)]
        {
            let s = tokio::net::UnixStream::connect(&self.path).await?;
            Ok(Box::new(s))
        }
        #[cfg(windows)]
        {
            use tokio::net::windows::named_pipe::ClientOptions;
            // All instances busy: the till makes the next one at once.
            const ERROR_PIPE_BUSY: i32 = 231;
            for _ in 0..50 {
                match ClientOptions::new().open(&self.name) {
                    Ok(c) => return Ok(Box::new(c)),
                    Err(e) if e.raw_os_error() == Some(ERROR_PIPE_BUSY) => {
                        tokio::time::sleep(std::time::Duration::from_millis(20)).await
                    }
                    Err(e) => return Err(e),
                }
            }
            Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "the till's pipe stays busy",
            ))
        }
    }

    /// Starts listening. A live till already on it: [`io::ErrorKind::AddrInUse`].
    pub async fn listen(&self) -> io::Result<Listener> {
        Listener::bind(self).await
    }
}

/// The till's side of the endpoint.
pub struct Listener {
    #[cfg(unix)]
    inner: tokio::net::UnixListener,
    #[cfg(unix)]
    path: std::path::PathBuf,
    /// The socket file's identity, so a closing till removes its own socket only.
    #[cfg(unix)]
    ino: u64,
    #[cfg(unix)]
    uid: u32,
    #[cfg(windows)]
    name: String,
    #[cfg(windows)]
    next: tokio::net::windows::named_pipe::NamedPipeServer,
}

impl Listener {
    #[cfg(unix)]
    async fn bind(ep: &Endpoint) -> io::Result<Listener> {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let path = ep.path.clone();
        if std::fs::symlink_metadata(&path).is_ok() {
            // Someone answers there: not ours to replace. Nobody: a crashed till's socket.
            if tokio::net::UnixStream::connect(&path).await.is_ok() {
                return Err(io::Error::new(
                    io::ErrorKind::AddrInUse,
                    format!("a till already listens on {}", path.display()),
                ));
            }
            tracing::info!("replacing the stale till socket {}", path.display());
        }
        let temp = path.with_extension(format!("sock.{}.tmp", std::process::id()));
        let _ = std::fs::remove_file(&temp);
        let inner = tokio::net::UnixListener::bind(&temp)?;
        let placed = std::fs::set_permissions(&temp, std::fs::Permissions::from_mode(0o600))
            .and_then(|()| std::fs::rename(&temp, &path));
        if let Err(e) = placed {
            let _ = std::fs::remove_file(&temp);
            return Err(e);
        }
        let meta = std::fs::symlink_metadata(&path)?;
        Ok(Listener {
            inner,
            path,
            ino: meta.ino(),
            uid: meta.uid(),
        })
    }

    #[cfg(windows)]
    async fn bind(ep: &Endpoint) -> io::Result<Listener> {
        use tokio::net::windows::named_pipe::ServerOptions;
        let next = ServerOptions::new()
            .first_pipe_instance(true)
            .reject_remote_clients(true)
            .create(&ep.name)
            .map_err(|e| {
                if e.kind() == io::ErrorKind::PermissionDenied {
                    io::Error::new(io::ErrorKind::AddrInUse, e)
                } else {
                    e
                }
            })?;
        Ok(Listener {
            name: ep.name.clone(),
            next,
        })
    }

    /// The next connection of the same user (others are closed at once and not returned).
    pub async fn accept(&mut self) -> io::Result<Conn> {
        #[cfg(unix)]
        {
            loop {
                let (stream, _) = self.inner.accept().await?;
                match stream.peer_cred() {
                    Ok(cred) if cred.uid() == self.uid => return Ok(Box::new(stream)),
                    Ok(cred) => tracing::warn!(
                        "refused a till-channel connection of uid {} (the till's is {})",
                        cred.uid(),
                        self.uid
                    ),
                    Err(e) => tracing::warn!("refused a till-channel connection: {e}"),
                }
            }
        }
        #[cfg(windows)]
        {
            use tokio::net::windows::named_pipe::ServerOptions;
            self.next.connect().await?;
            let fresh = ServerOptions::new()
                .reject_remote_clients(true)
                .create(&self.name)?;
            let connected = std::mem::replace(&mut self.next, fresh);
            Ok(Box::new(connected))
        }
    }

    /// Stops listening; the socket file goes if it is still this till's.
    pub fn close(self) {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            if std::fs::symlink_metadata(&self.path).is_ok_and(|m| m.ino() == self.ino) {
                let _ = std::fs::remove_file(&self.path);
            }
        }
    }
}
