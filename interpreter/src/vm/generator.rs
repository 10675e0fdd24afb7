//! Generators: a suspended frame resumed by `next`/`send`/`throw`/`close`.

use crate::object::{Function, GilCell, NativeFn, ObjRef, Payload};
use crate::value::Value;
use crate::vm::eval::{run_frame, FrameExit};
use crate::vm::frame::Frame;
use crate::vm::{Args, PyErr, Vm};
use crate::PyResult;

pub struct GeneratorState {
    /// The suspended frame; `None` while it runs or once it has finished.
    pub frame: Option<Box<Frame<'static>>>,
    pub running: bool,
    pub finished: bool,
    pub started: bool,
    pub name: Value,
    pub qualname: Value,
}

pub enum SendResult {
    Yielded(Value),
    Returned(Value),
}

pub fn new_generator(vm: &mut Vm, frame: Frame<'static>, f: &Function) -> Value {
    let state = GeneratorState {
        frame: Some(Box::new(frame)),
        running: false,
        finished: false,
        started: false,
        name: f.name.borrow(vm).clone(),
        qualname: f.qualname.borrow(vm).clone(),
    };
    crate::gc::track(vm, ObjRef::new(Payload::Generator(GilCell::new(state))))
}

impl Drop for GeneratorState {
    /// A generator dropped while suspended inside a `try` or `with` block is closed, as CPython
    /// does on deallocation (its `finally` clauses run); see `vm/finalize.rs`.
    fn drop(&mut self) {
        let Some(frame) = self.frame.take() else { return };
        if !self.started || self.finished || self.running {
            return;
        }
        if !frame.blocks.iter().any(|b| matches!(b, crate::vm::frame::Block::Try { .. })) {
            return;
        }
        let qualname = std::mem::replace(&mut self.qualname, Value::None);
        crate::vm::finalize::queue_generator_close(frame, qualname);
    }
}

impl Vm {
    /// `gen.send(v)` for generators, `next(it)` for other iterators (used by `yield from`).
    pub fn send(&mut self, iter: &Value, sent: Value) -> PyResult<SendResult> {
        if let Some(Payload::Generator(_)) = iter.payload() {
            return self.resume_generator(iter, sent, None);
        }
        let next = if sent.is_none() && !matches!(iter.payload(), Some(Payload::Instance(_))) {
            self.next(iter)?
        } else if sent.is_none() {
            // A user iterator: its StopIteration's value is the result of `yield from`.
            match self.call_method(iter, "__next__", &[]) {
                Ok(v) => Some(v),
                Err(e) if self.err_matches(&e, "StopIteration") => {
                    return Ok(SendResult::Returned(stop_value(self, &e)))
                }
                Err(e) => return Err(e),
            }
        } else {
            let r = self.call_method(iter, "send", &[sent]);
            match r {
                Ok(v) => Some(v),
                Err(e) if self.err_matches(&e, "StopIteration") => {
                    return Ok(SendResult::Returned(stop_value(self, &e)))
                }
                Err(e) => return Err(e),
            }
        };
        Ok(match next {
            Some(v) => SendResult::Yielded(v),
            None => SendResult::Returned(Value::None),
        })
    }

    /// Runs a generator until its next `yield`, its return, or an exception. `throw` raises an
    /// exception at the point where it is suspended.
    pub fn resume_generator(&mut self, gen: &Value, sent: Value, throw: Option<PyErr>) -> PyResult<SendResult> {
        let Some(Payload::Generator(cell)) = gen.payload() else {
            return Err(self.type_error("not a generator"));
        };
        let mut frame = {
            let mut state = cell.borrow_mut(self);
            if state.running {
                drop(state);
                return Err(self.value_error("generator already executing"));
            }
            if state.finished {
                drop(state);
                return match throw {
                    Some(e) => Err(e),
                    None => Ok(SendResult::Returned(Value::None)),
                };
            }
            if !state.started && !sent.is_none() && throw.is_none() {
                drop(state);
                return Err(self.type_error("can't send non-None value to a just-started generator"));
            }
            let frame = state.frame.take().expect("suspended generator has a frame");
            state.running = true;
            frame
        };
        let was_started = std::mem::replace(&mut cell.borrow_mut(self).started, true);
        if self.depth >= self.recursion_limit() || self.stack_exhausted() {
            cell.borrow_mut(self).running = false;
            cell.borrow_mut(self).frame = Some(frame);
            return Err(self.recursion_error());
        }
        self.depth += 1;
        let result = match throw {
            Some(err) => match self.throw_into_delegate(&mut frame, err) {
                Delegated::Yielded(v) => Ok(FrameExit::Yield(v)),
                Delegated::Resume => run_frame(self, &mut frame),
                Delegated::Raise(err) => crate::vm::eval::throw_into(self, &mut frame, err),
            },
            None => {
                if was_started {
                    frame.stack.push(sent);
                }
                run_frame(self, &mut frame)
            }
        };
        self.depth -= 1;
        let mut state = cell.borrow_mut(self);
        state.running = false;
        match result {
            Ok(FrameExit::Yield(v)) => {
                state.frame = Some(frame);
                Ok(SendResult::Yielded(v))
            }
            Ok(FrameExit::Return(v)) => {
                state.finished = true;
                Ok(SendResult::Returned(v))
            }
            Err(e) => {
                state.finished = true;
                drop(state);
                if self.err_matches(&e, "StopIteration") {
                    let err = self.runtime_error("generator raised StopIteration");
                    if let Some(mut d) = err.data_mut(self) {
                        d.cause = e.value();
                        d.suppress_context = true;
                    }
                    return Err(err);
                }
                Err(e)
            }
        }
    }
}

/// What `throw()` into a generator suspended in `yield from` does after passing the exception to
/// the inner iterator.
enum Delegated {
    /// The inner iterator yielded again: the outer generator stays where it is.
    Yielded(Value),
    /// The inner iterator finished: its result is on the stack, the outer frame runs on.
    Resume,
    /// Raise this in the outer frame.
    Raise(PyErr),
}

impl Vm {
    /// CPython's `_gen_throw`: when the generator is suspended in `yield from`, the exception
    /// goes to the inner iterator first (GeneratorExit closes it).
    fn throw_into_delegate(&mut self, frame: &mut Frame, err: PyErr) -> Delegated {
        let at_yield_from = matches!(frame.code.instructions.get(frame.pc), Some(crate::bytecode::Instr::YieldFrom));
        let Some(inner) = frame.stack.last().cloned().filter(|_| at_yield_from) else {
            return Delegated::Raise(err);
        };
        if self.err_matches(&err, "GeneratorExit") {
            let closed = match inner.payload() {
                Some(Payload::Generator(_)) => gen_close(self, Args::new(std::slice::from_ref(&inner))).map(|_| ()),
                _ => match crate::vm::attr::get_attr_opt(self, &inner, "close") {
                    Ok(Some(close)) => self.call0(&close).map(|_| ()),
                    Ok(None) => Ok(()),
                    Err(e) => Err(e),
                },
            };
            return Delegated::Raise(closed.err().unwrap_or(err));
        }
        let outcome = match inner.payload() {
            Some(Payload::Generator(_)) => self.resume_generator(&inner, Value::None, Some(err)),
            _ => match crate::vm::attr::get_attr_opt(self, &inner, "throw") {
                Ok(Some(throw)) => match self.call1(&throw, err.value()) {
                    Ok(v) => Ok(SendResult::Yielded(v)),
                    Err(e) if self.err_matches(&e, "StopIteration") => Ok(SendResult::Returned(stop_value(self, &e))),
                    Err(e) => Err(e),
                },
                Ok(None) => return Delegated::Raise(err),
                Err(e) => Err(e),
            },
        };
        match outcome {
            Ok(SendResult::Yielded(v)) => Delegated::Yielded(v),
            Ok(SendResult::Returned(v)) => {
                frame.stack.pop();
                frame.stack.push(v);
                frame.pc += 1;
                Delegated::Resume
            }
            Err(e) => {
                // The exception comes out of the `yield from` in the outer frame.
                frame.pc += 1;
                Delegated::Raise(e)
            }
        }
    }
}

fn stop_value(vm: &Vm, e: &PyErr) -> Value {
    e.data(vm)
        .and_then(|d| match d.args.payload() {
            Some(Payload::Tuple(t)) => t.first().cloned(),
            _ => None,
        })
        .unwrap_or(Value::None)
}

fn gen_iter(_vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(args.items[0].clone())
}

fn gen_next(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    match vm.resume_generator(&args.items[0], Value::None, None)? {
        SendResult::Yielded(v) => Ok(v),
        SendResult::Returned(v) => Err(vm.stop_iteration(if v.is_none() { None } else { Some(v) })),
    }
}

fn gen_send(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let sent = args.items.get(1).cloned().unwrap_or(Value::None);
    match vm.resume_generator(&args.items[0], sent, None)? {
        SendResult::Yielded(v) => Ok(v),
        SendResult::Returned(v) => Err(vm.stop_iteration(if v.is_none() { None } else { Some(v) })),
    }
}

fn gen_throw(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let exc = args.items.get(1).cloned().unwrap_or(Value::None);
    let err = vm.make_raisable(&exc, None)?;
    match vm.resume_generator(&args.items[0], Value::None, Some(err))? {
        SendResult::Yielded(v) => Ok(v),
        SendResult::Returned(v) => Err(vm.stop_iteration(if v.is_none() { None } else { Some(v) })),
    }
}

fn gen_close(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let gen = &args.items[0];
    let not_started = match gen.payload() {
        Some(Payload::Generator(c)) => {
            let s = c.borrow(vm);
            s.finished || !s.started
        }
        _ => true,
    };
    if not_started {
        if let Some(Payload::Generator(c)) = gen.payload() {
            let mut s = c.borrow_mut(vm);
            s.finished = true;
            s.frame = None;
        }
        return Ok(Value::None);
    }
    let exit = vm.new_exception(vm.exc_class("GeneratorExit"), vec![]);
    match vm.resume_generator(gen, Value::None, Some(exit)) {
        Ok(SendResult::Yielded(_)) => Err(vm.runtime_error("generator ignored GeneratorExit")),
        Ok(SendResult::Returned(_)) => Ok(Value::None),
        Err(e) if vm.err_matches(&e, "GeneratorExit") || vm.err_matches(&e, "StopIteration") => Ok(Value::None),
        Err(e) => Err(e),
    }
}

pub const METHODS: &[(&str, NativeFn)] =
    &[("__iter__", gen_iter), ("__next__", gen_next), ("send", gen_send), ("throw", gen_throw), ("close", gen_close)];
