//! The real binary in a real terminal (tmux), driven as a person would: send keys one at a
//! time, read the screen, and check the terminal is restored after exit.

use std::process::{Command, Output};
use std::time::{Duration, Instant};

pub struct Tmux {
    socket: String,
}

impl Tmux {
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            let out = self.run(&["send-keys", "-t", "till", k]);
            assert!(out.status.success(), "send-keys {k}: {out:?}");
            // A person types one key at a time; the app must not drop any.
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "till"]).stdout)
            .into_owned()
    }

    /// The normal screen with its scrollback, once the app has exited.
    pub fn screen_after_exit(&self) -> String {
        let out = self.run(&["capture-pane", "-p", "-S", "-200", "-t", "till"]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits until the screen satisfies `ok`, failing with the last screen after `limit`.
    pub fn wait_for(&self, what: &str, limit: Duration, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if ok(&s) {
                return s;
            }
            if start.elapsed() > limit {
                panic!("timed out waiting for {what}; screen was:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Tmux {
    /// Starts the real binary in practice mode (no key, a fresh data dir) in a `cols`×`rows`
    /// terminal. `env` is extra `NAME=value` words. When the app exits, the shell prints whether
    /// the tty is back in canonical mode and writes the exit status to [`App::exit_file`].
    pub fn start_app(name: &str, cols: u16, rows: u16, env: &str) -> App {
        Self::start_app_with(name, cols, rows, env, "")
    }

    /// [`Tmux::start_app`] with command-line arguments for the app.
    pub fn start_app_with(name: &str, cols: u16, rows: u16, env: &str, args: &str) -> App {
        let tmux = Tmux {
            socket: format!("flexy-test-{}-{name}", std::process::id()),
        };
        let data = tempfile::tempdir().expect("temp dir");
        let exit_file = data.path().join("exit-status");
        let cmd = format!(
            "env -u ONECLICKDZ_API_KEY FLEXY_DATA_DIR={} FLEXY_CONFIG=/dev/null FLEXY_LANG=en {env} {bin} {args} 2>&1; \
             s=$?; echo \"tty $(stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e -icanon)\"; \
             echo $s > {}",
            data.path().display(),
            exit_file.display(),
            bin = env!("CARGO_BIN_EXE_flexy-pos"),
        );
        let (cols, rows) = (cols.to_string(), rows.to_string());
        let out = tmux.run(&[
            "new-session",
            "-d",
            "-s",
            "till",
            "-x",
            &cols,
            "-y",
            &rows,
            &cmd,
        ]);
        assert!(out.status.success(), "tmux new-session: {out:?}");
        // Keep the pane after the app exits, to read what it left on the screen.
        tmux.run(&["set-option", "-t", "till", "remain-on-exit", "on"]);
        App {
            tmux,
            data,
            exit_file,
        }
    }
}

/// The app running in tmux, with its data dir.
pub struct App {
    pub tmux: Tmux,
    pub data: tempfile::TempDir,
    pub exit_file: std::path::PathBuf,
}

impl App {
    /// Waits for the app to exit; returns its exit status.
    pub fn exit_status(&self, what: &str, limit: Duration) -> String {
        let start = Instant::now();
        loop {
            if let Ok(s) = std::fs::read_to_string(&self.exit_file)
                && s.ends_with('\n')
            {
                return s.trim().to_string();
            }
            assert!(start.elapsed() < limit, "app did not stop on {what}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// After exit: the app's screen is gone, the alternate screen left, raw mode off.
    pub fn assert_terminal_restored(&self, what: &str) -> String {
        let after = self.tmux.screen_after_exit();
        assert!(
            !after.contains("PRACTICE"),
            "{what}: the app's screen is gone:\n{after}"
        );
        let alternate = self
            .tmux
            .run(&["display-message", "-p", "-t", "till", "#{alternate_on}"]);
        assert_eq!(
            String::from_utf8_lossy(&alternate.stdout).trim(),
            "0",
            "{what}: alternate screen left"
        );
        assert!(
            after.contains("tty icanon"),
            "{what}: raw mode is off again (canonical input):\n{after}"
        );
        after
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

/// tmux is there (skipped on Windows and, outside CI, without it: see [`super::tool_ready`]).
pub fn tmux_ready() -> bool {
    super::tool_ready("tmux", || super::runs("tmux", &["-V"]), "tmux")
}
