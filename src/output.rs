//! Where a script's `print` and `sys.stderr` go: [`Output`], set per engine, and per-call
//! capture ([`Captured`]).
//!
//! The engine installs one writer per stream in the interpreter (what `sys.stdout` and
//! `sys.stderr` flush into). It writes into the innermost active capture if there is one, else to
//! the stream's configured [`Output`].

use std::io::Write;
use std::sync::Arc;

use parking_lot::Mutex;

/// Where one of the script's output streams goes.
#[derive(Clone, Default)]
#[non_exhaustive]
pub enum Output {
    /// The host process's own stdout or stderr (the default).
    #[default]
    Inherit,
    /// Nowhere.
    Discard,
    /// Kept in memory, read with [`Engine::take_stdout`](crate::Engine::take_stdout) /
    /// [`take_stderr`](crate::Engine::take_stderr).
    Buffer,
    /// Handed to a host callback, as text, chunk by chunk as the script's stream flushes (by
    /// default at each newline). The callback runs with the GIL held: it must not call back into
    /// the engine.
    Callback(Arc<dyn Fn(&str) + Send + Sync>),
}

impl Output {
    /// [`Output::Callback`] from a closure.
    pub fn callback(f: impl Fn(&str) + Send + Sync + 'static) -> Output {
        Output::Callback(Arc::new(f))
    }
}

/// What a piece of host code returned, with what the script printed meanwhile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Captured<R> {
    /// The code's result.
    pub value: R,
    /// What was written to `sys.stdout` (all threads of the script), decoded as UTF-8.
    pub stdout: String,
    /// What was written to `sys.stderr`.
    pub stderr: String,
}

#[derive(Default)]
struct Stream {
    target: Output,
    buffer: Vec<u8>,
    /// Bytes of a UTF-8 sequence split across writes, held back from the callback.
    pending: Vec<u8>,
    /// Active captures, innermost last.
    captures: Vec<Vec<u8>>,
}

/// The two streams of one engine.
#[derive(Default)]
pub(crate) struct Router {
    streams: [Mutex<Stream>; 2],
}

pub(crate) const STDOUT: usize = 0;
pub(crate) const STDERR: usize = 1;

impl Router {
    pub(crate) fn new(stdout: Output, stderr: Output) -> Arc<Router> {
        let router = Router::default();
        router.streams[STDOUT].lock().target = stdout;
        router.streams[STDERR].lock().target = stderr;
        Arc::new(router)
    }

    pub(crate) fn writer(self: &Arc<Router>, stream: usize) -> Box<dyn Write + Send> {
        Box::new(RouterWriter { router: self.clone(), stream })
    }

    pub(crate) fn set_target(&self, stream: usize, target: Output) {
        self.streams[stream].lock().target = target;
    }

    /// Takes what [`Output::Buffer`] kept so far.
    pub(crate) fn take_buffer(&self, stream: usize) -> String {
        let bytes = std::mem::take(&mut self.streams[stream].lock().buffer);
        String::from_utf8_lossy(&bytes).into_owned()
    }

    pub(crate) fn push_capture(&self) {
        for stream in &self.streams {
            stream.lock().captures.push(Vec::new());
        }
    }

    /// Ends the innermost capture: (stdout, stderr).
    pub(crate) fn pop_capture(&self) -> (String, String) {
        let take = |stream: usize| {
            let bytes = self.streams[stream].lock().captures.pop().unwrap_or_default();
            String::from_utf8_lossy(&bytes).into_owned()
        };
        (take(STDOUT), take(STDERR))
    }
}

struct RouterWriter {
    router: Arc<Router>,
    stream: usize,
}

impl Write for RouterWriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        let mut stream = self.router.streams[self.stream].lock();
        if let Some(capture) = stream.captures.last_mut() {
            capture.extend_from_slice(data);
            return Ok(data.len());
        }
        match stream.target.clone() {
            Output::Inherit => {
                drop(stream);
                if self.stream == STDOUT {
                    std::io::stdout().write_all(data)?;
                } else {
                    std::io::stderr().write_all(data)?;
                }
            }
            Output::Discard => {}
            Output::Buffer => stream.buffer.extend_from_slice(data),
            Output::Callback(callback) => {
                stream.pending.extend_from_slice(data);
                let text = take_complete_utf8(&mut stream.pending);
                drop(stream);
                if !text.is_empty() {
                    callback(&text);
                }
            }
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let inherit = matches!(self.router.streams[self.stream].lock().target, Output::Inherit);
        if inherit {
            if self.stream == STDOUT {
                std::io::stdout().flush()?;
            } else {
                std::io::stderr().flush()?;
            }
        }
        Ok(())
    }
}

/// The longest prefix of `pending` that is complete UTF-8, as text (invalid bytes replaced); an
/// incomplete sequence at the end stays in `pending`.
fn take_complete_utf8(pending: &mut Vec<u8>) -> String {
    let cut = match std::str::from_utf8(pending) {
        Ok(_) => pending.len(),
        Err(e) if e.error_len().is_none() => e.valid_up_to(),
        Err(_) => pending.len(),
    };
    let rest = pending.split_off(cut);
    let text = String::from_utf8_lossy(pending).into_owned();
    *pending = rest;
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_utf8_is_held_back() {
        let mut pending = "é".as_bytes()[..1].to_vec();
        assert_eq!(take_complete_utf8(&mut pending), "");
        pending.extend_from_slice(&"é".as_bytes()[1..]);
        pending.push(b'!');
        assert_eq!(take_complete_utf8(&mut pending), "é!");
        assert!(pending.is_empty());
    }
}
