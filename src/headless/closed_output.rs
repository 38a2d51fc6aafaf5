//! A command whose reader goes away (`flexy-pos orders | head`) or whose output cannot be written
//! (a full disk behind `> file`). `println!` panics on either; the command is run under
//! `catch_unwind` so that the store is still closed by its destructors, and the panic becomes a
//! quiet end (broken pipe: the reader chose to stop) or one plain line on stderr, never a
//! "panicked at" trace.

use std::panic::{self, AssertUnwindSafe};

/// Why the output could not be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutputLost {
    /// The reader closed the pipe: nothing to report.
    ReaderGone,
    /// Any other write failure, with the system's words.
    WriteFailed(String),
}

/// Runs `command`; a print failure inside it is turned into `Err(OutputLost)`. Any other panic
/// goes on as a panic.
pub fn run_guarded<T>(command: impl FnOnce() -> T) -> Result<T, OutputLost> {
    let previous = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        if print_failure(panic_text(info.payload())).is_none() {
            previous(info);
        }
    }));
    let outcome = panic::catch_unwind(AssertUnwindSafe(command));
    // The hook stays: a print failing later (at exit) must not print a trace either.
    match outcome {
        Ok(value) => Ok(value),
        Err(payload) => match print_failure(panic_text(&*payload)) {
            Some(lost) => Err(lost),
            None => panic::resume_unwind(payload),
        },
    }
}

fn panic_text(payload: &(dyn std::any::Any + Send)) -> &str {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.as_str()
    } else {
        ""
    }
}

/// std's print macros panic with "failed printing to stdout: <io error>".
fn print_failure(text: &str) -> Option<OutputLost> {
    let rest = text
        .strip_prefix("failed printing to stdout: ")
        .or_else(|| text.strip_prefix("failed printing to stderr: "))?;
    if is_broken_pipe(rest) {
        Some(OutputLost::ReaderGone)
    } else {
        Some(OutputLost::WriteFailed(rest.to_string()))
    }
}

fn is_broken_pipe(io_error: &str) -> bool {
    let broken = std::io::Error::from(std::io::ErrorKind::BrokenPipe).to_string();
    io_error.contains("Broken pipe")
        || io_error.contains("os error 32")
        || io_error.contains(&broken)
        // Windows: ERROR_NO_DATA, "The pipe is being closed."
        || io_error.contains("os error 232")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_pipe_is_a_quiet_end_and_a_full_disk_is_named() {
        assert_eq!(
            print_failure("failed printing to stdout: Broken pipe (os error 32)"),
            Some(OutputLost::ReaderGone)
        );
        assert_eq!(
            print_failure("failed printing to stdout: No space left on device (os error 28)"),
            Some(OutputLost::WriteFailed(
                "No space left on device (os error 28)".into()
            ))
        );
        assert_eq!(print_failure("index out of bounds"), None);
    }

    #[test]
    fn other_panics_stay_panics() {
        let caught = panic::catch_unwind(|| run_guarded(|| panic!("a real bug")));
        assert!(caught.is_err());
        let _ = panic::take_hook();
    }
}
