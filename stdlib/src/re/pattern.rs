//! `re.Pattern`: search, match, fullmatch, findall, finditer, sub, subn, split.

use std::sync::Arc;

use fancy_regex::RegexInput;
use gilpy_interpreter::builtins::functions::is_callable;
use gilpy_interpreter::object::{NativeFn, Payload};
use gilpy_interpreter::{Args, PyResult, Value, Vm};

use super::matchobj::{new_match, Spans};
use super::subject::Subject;
use super::template::{self, Piece};
use super::translate::{self, FLAG_UNICODE};
use super::CompiledPattern;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Search,
    Match,
    Full,
}

/// The compiled pattern behind a `Pattern` object (`args.items[0]`).
pub fn this(vm: &mut Vm, args: &Args<'_>) -> PyResult<(Value, Arc<CompiledPattern>)> {
    let this = args.items.first().cloned().unwrap_or_default();
    match this.payload() {
        Some(Payload::Native(n)) => match n.downcast::<Arc<CompiledPattern>>() {
            Some(p) => Ok((this.clone(), p.clone())),
            None => Err(vm.type_error("descriptor requires a 're.Pattern' object")),
        },
        _ => Err(vm.type_error("descriptor requires a 're.Pattern' object")),
    }
}

/// Runs the engine once: the byte spans of the groups of the match found from byte `at`.
fn exec(
    vm: &mut Vm,
    pattern: &CompiledPattern,
    hay: &str,
    at: usize,
    mode: Mode,
    not_empty: bool,
) -> PyResult<Option<Spans>> {
    if at > hay.len() {
        return Ok(None);
    }
    let regex = match (mode, not_empty) {
        (Mode::Full, _) => pattern.fullmatch_regex(),
        (_, true) => pattern.not_empty_regex(),
        _ => Some(&pattern.regex),
    };
    let Some(regex) = regex else { return Ok(None) };
    let input = RegexInput::new(hay).from_pos(at).anchored(mode != Mode::Search || not_empty);
    match regex.captures_input(input) {
        Ok(Some(caps)) => {
            let spans = (0..=pattern.groups).map(|i| caps.get(i).map(|m| (m.start(), m.end()))).collect();
            Ok(Some(spans))
        }
        Ok(None) => Ok(None),
        Err(e) => Err(vm.runtime_error(format!("regular expression matching failed: {e}"))),
    }
}

fn index_arg(vm: &mut Vm, v: Option<&Value>, default: i64) -> PyResult<i64> {
    match v {
        None => Ok(default),
        Some(v) => vm.to_index(v),
    }
}

/// The subject and the `pos`/`endpos` window of a call, from arguments `first..`.
fn subject_args(
    vm: &mut Vm,
    args: &Args<'_>,
    pattern: &CompiledPattern,
    first: usize,
) -> PyResult<(Arc<Subject>, usize, usize)> {
    let Some(string) = args.get(first, "string") else {
        return Err(vm.type_error("missing required argument 'string' (pos 1)"));
    };
    let subject = Subject::new(vm, string, pattern.is_bytes)?;
    let pos = index_arg(vm, args.get(first + 1, "pos"), 0)?;
    let endpos = index_arg(vm, args.get(first + 2, "endpos"), i64::MAX)?;
    let (pos, endpos) = subject.bounds(pos, endpos);
    Ok((Arc::new(subject), pos, endpos))
}

fn match_with(vm: &mut Vm, args: Args<'_>, mode: Mode) -> PyResult<Value> {
    let (this, pattern) = this(vm, &args)?;
    let (subject, pos, endpos) = subject_args(vm, &args, &pattern, 1)?;
    if pos > endpos {
        return Ok(Value::None);
    }
    let hay = &subject.text()[..subject.byte_of(endpos)];
    let found = exec(vm, &pattern, hay, subject.byte_of(pos), mode, false)?;
    Ok(match found {
        Some(spans) => new_match(vm, &this, &pattern, &subject, spans, pos, endpos)?,
        None => Value::None,
    })
}

fn p_search(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    match_with(vm, args, Mode::Search)
}

fn p_match(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    match_with(vm, args, Mode::Match)
}

fn p_fullmatch(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    match_with(vm, args, Mode::Full)
}

/// Every match from `pos` to `endpos`, as `finditer` finds them: after an empty match the next
/// one may not be empty at the same place (Python 3.7+ semantics). Stops after `limit` matches.
pub fn each_match(
    vm: &mut Vm,
    pattern: &CompiledPattern,
    subject: &Subject,
    pos: usize,
    endpos: usize,
    limit: usize,
    mut f: impl FnMut(&mut Vm, Spans) -> PyResult<()>,
) -> PyResult<()> {
    if pos > endpos {
        return Ok(());
    }
    let hay = &subject.text()[..subject.byte_of(endpos)];
    let mut at = subject.byte_of(pos);
    let mut after_empty = false;
    let mut count = 0;
    while count < limit && at <= hay.len() {
        let mut found = None;
        if after_empty {
            found = exec(vm, pattern, hay, at, Mode::Match, true)?;
            if found.is_none() {
                if at >= hay.len() {
                    break;
                }
                at = subject.next_boundary(at);
            }
        }
        if found.is_none() {
            found = exec(vm, pattern, hay, at, Mode::Search, false)?;
        }
        let Some(spans) = found else { break };
        let (start, end) = spans[0].unwrap_or((at, at));
        after_empty = start == end;
        at = end;
        count += 1;
        f(vm, spans)?;
    }
    Ok(())
}

fn p_findall(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, pattern) = this(vm, &args)?;
    let (subject, pos, endpos) = subject_args(vm, &args, &pattern, 1)?;
    let mut out = Vec::new();
    let empty = subject.make("");
    each_match(vm, &pattern, &subject, pos, endpos, usize::MAX, |_, spans| {
        let group = |i: usize| match spans[i] {
            Some((a, b)) => subject.slice(subject.char_of(a), subject.char_of(b)),
            None => empty.clone(),
        };
        out.push(match pattern.groups {
            0 => group(0),
            1 => group(1),
            n => Value::tuple((1..=n).map(group).collect()),
        });
        Ok(())
    })?;
    Ok(vm.new_list(out))
}

fn p_finditer(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, pattern) = this(vm, &args)?;
    let (subject, pos, endpos) = subject_args(vm, &args, &pattern, 1)?;
    let mut matches = Vec::new();
    let mut found = Vec::new();
    each_match(vm, &pattern, &subject, pos, endpos, usize::MAX, |_, spans| {
        found.push(spans);
        Ok(())
    })?;
    for spans in found {
        matches.push(new_match(vm, &this, &pattern, &subject, spans, pos, endpos)?);
    }
    let list = vm.new_list(matches);
    vm.get_iter(&list)
}

enum Replacement {
    Template(Vec<Piece>),
    Function(Value),
    /// A template of the wrong type: an error when it is first used, as in CPython.
    WrongType(Value),
}

fn substitute(vm: &mut Vm, args: Args<'_>, name: &str) -> PyResult<(Value, usize)> {
    let (this, pattern) = this(vm, &args)?;
    let (Some(repl), Some(string)) = (args.get(1, "repl"), args.get(2, "string")) else {
        return Err(vm.type_error(format!("{name}() missing required argument 'string' (pos 2)")));
    };
    let subject = Arc::new(Subject::new(vm, string, pattern.is_bytes)?);
    let count = index_arg(vm, args.get(3, "count"), 0)?;
    let limit = match count {
        0 => usize::MAX,
        c if c < 0 => 0,
        c => c as usize,
    };
    let template_matches = match repl.payload() {
        Some(Payload::Str(_)) => !pattern.is_bytes,
        Some(Payload::Bytes(_) | Payload::ByteArray(_)) => pattern.is_bytes,
        _ => false,
    };
    let replacement = if is_callable(vm, repl) {
        Replacement::Function(repl.clone())
    } else if template_matches {
        Replacement::Template(template::parse(vm, repl, &pattern)?)
    } else {
        Replacement::WrongType(repl.clone())
    };
    let text = subject.text();
    let mut out = String::new();
    let mut last = 0usize;
    let mut n = 0usize;
    // CPython joins a list of pieces; its type errors count the pieces before.
    let mut pieces = 0usize;
    let len = subject.len();
    each_match(vm, &pattern, &subject, 0, len, limit, |vm, spans| {
        let (start, end) = spans[0].unwrap_or((last, last));
        out.push_str(&text[last..start]);
        pieces += usize::from(start > last);
        match &replacement {
            Replacement::Template(template) => expand_into(&mut out, template, &spans, text),
            Replacement::Function(f) => {
                let m = new_match(vm, &this, &pattern, &subject, spans.clone(), 0, len)?;
                let r = vm.call1(f, m)?;
                push_replacement(vm, &mut out, &r, subject.is_bytes, pieces)?;
            }
            Replacement::WrongType(r) => push_replacement(vm, &mut out, r, subject.is_bytes, pieces)?,
        }
        pieces += 1;
        last = end;
        n += 1;
        Ok(())
    })?;
    out.push_str(&text[last..]);
    Ok((subject.make(&out), n))
}

/// A template's text for one match (unmatched groups give nothing).
pub fn expand_into(out: &mut String, pieces: &[Piece], spans: &Spans, text: &str) {
    for piece in pieces {
        match piece {
            Piece::Literal(s) => out.push_str(s),
            Piece::Group(i) => {
                if let Some(Some((a, b))) = spans.get(*i) {
                    out.push_str(&text[*a..*b]);
                }
            }
        }
    }
}

fn push_replacement(vm: &mut Vm, out: &mut String, r: &Value, is_bytes: bool, item: usize) -> PyResult<()> {
    if r.is_none() {
        return Ok(());
    }
    match (r.payload(), is_bytes) {
        (Some(Payload::Str(s)), false) => out.push_str(s.as_str()),
        (Some(Payload::Bytes(b)), true) => out.extend(b.iter().map(|&c| c as char)),
        (Some(Payload::ByteArray(b)), true) => {
            let b = b.borrow(vm).clone();
            out.extend(b.iter().map(|&c| c as char));
        }
        (_, false) => {
            let msg = format!("sequence item {item}: expected str instance, {} found", vm.type_name(r));
            return Err(vm.type_error(msg));
        }
        (_, true) => {
            let msg = format!("sequence item {item}: expected a bytes-like object, {} found", vm.type_name(r));
            return Err(vm.type_error(msg));
        }
    }
    Ok(())
}

fn p_sub(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    substitute(vm, args, "sub").map(|(s, _)| s)
}

fn p_subn(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (s, n) = substitute(vm, args, "subn")?;
    Ok(Value::tuple(vec![s, Value::Int(n as i64)]))
}

fn p_split(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, pattern) = this(vm, &args)?;
    let Some(string) = args.get(1, "string") else {
        return Err(vm.type_error("split() missing required argument 'string' (pos 1)"));
    };
    let subject = Subject::new(vm, string, pattern.is_bytes)?;
    let maxsplit = index_arg(vm, args.get(2, "maxsplit"), 0)?;
    let limit = match maxsplit {
        0 => usize::MAX,
        m if m < 0 => 0,
        m => m as usize,
    };
    let mut out = Vec::new();
    let mut last = 0usize;
    let len = subject.len();
    each_match(vm, &pattern, &subject, 0, len, limit, |_, spans| {
        let (start, end) = spans[0].unwrap_or((last, last));
        out.push(subject.slice(subject.char_of(last), subject.char_of(start)));
        for group in spans.iter().skip(1) {
            out.push(match group {
                Some((a, b)) => subject.slice(subject.char_of(*a), subject.char_of(*b)),
                None => Value::None,
            });
        }
        last = end;
        Ok(())
    })?;
    out.push(subject.slice(subject.char_of(last), len));
    Ok(vm.new_list(out))
}

// ----- attributes, repr, equality -----

fn g_pattern(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(this(vm, &args)?.1.source.clone())
}

fn g_flags(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Int(this(vm, &args)?.1.flags as i64))
}

fn g_groups(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Int(this(vm, &args)?.1.groups as i64))
}

fn g_groupindex(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, pattern) = this(vm, &args)?;
    let dict = vm.new_dict();
    for (name, index) in &pattern.names {
        vm.dict_set(&dict, Value::str(name), Value::Int(*index as i64))?;
    }
    Ok(Value::Obj(dict))
}

const FLAG_NAMES: [(u32, &str); 9] = [
    (translate::FLAG_TEMPLATE, "re.TEMPLATE"),
    (translate::FLAG_IGNORECASE, "re.IGNORECASE"),
    (translate::FLAG_LOCALE, "re.LOCALE"),
    (translate::FLAG_MULTILINE, "re.MULTILINE"),
    (translate::FLAG_DOTALL, "re.DOTALL"),
    (translate::FLAG_UNICODE, "re.UNICODE"),
    (translate::FLAG_VERBOSE, "re.VERBOSE"),
    (translate::FLAG_DEBUG, "re.DEBUG"),
    (translate::FLAG_ASCII, "re.ASCII"),
];

fn p_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, pattern) = this(vm, &args)?;
    let shown: String = vm.repr_of(&pattern.source)?.chars().take(200).collect();
    let mut flags = pattern.flags;
    if !pattern.is_bytes && flags & (translate::FLAG_LOCALE | FLAG_UNICODE | translate::FLAG_ASCII) == FLAG_UNICODE {
        flags &= !FLAG_UNICODE;
    }
    if flags == 0 {
        return Ok(Value::string(format!("re.compile({shown})")));
    }
    let mut names: Vec<String> = Vec::new();
    for (bit, name) in FLAG_NAMES {
        if flags & bit != 0 {
            names.push(name.to_string());
            flags &= !bit;
        }
    }
    if flags != 0 {
        names.push(format!("{flags:#x}"));
    }
    Ok(Value::string(format!("re.compile({shown}, {})", names.join("|"))))
}

fn p_eq(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, a) = this(vm, &args)?;
    let other = args.items.get(1).cloned().unwrap_or_default();
    let Some(Payload::Native(n)) = other.payload() else { return Ok(Value::NotImplemented) };
    let Some(b) = n.downcast::<Arc<CompiledPattern>>() else { return Ok(Value::NotImplemented) };
    let same = a.flags == b.flags && a.is_bytes == b.is_bytes && vm.eq(&a.source, &b.source)?;
    Ok(Value::Bool(same))
}

fn p_hash(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, pattern) = this(vm, &args)?;
    let h = vm.hash(&pattern.source)?;
    Ok(Value::Int(h ^ pattern.flags as i64))
}

fn p_copy(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(this(vm, &args)?.0)
}

/// Pickles as `re._compile(pattern, flags)`, as CPython's patterns do.
fn p_reduce(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, pattern) = this(vm, &args)?;
    let re = vm.import_module("re")?;
    let compile = vm.get_attr_str(&re, "_compile")?;
    Ok(Value::tuple(vec![compile, Value::tuple(vec![pattern.source.clone(), Value::Int(pattern.flags as i64)])]))
}

pub const METHODS: &[(&str, NativeFn)] = &[
    ("search", p_search),
    ("match", p_match),
    ("fullmatch", p_fullmatch),
    ("findall", p_findall),
    ("finditer", p_finditer),
    ("sub", p_sub),
    ("subn", p_subn),
    ("split", p_split),
    ("__repr__", p_repr),
    ("__eq__", p_eq),
    ("__hash__", p_hash),
    ("__copy__", p_copy),
    ("__deepcopy__", p_copy),
    ("__reduce__", p_reduce),
];

pub const GETTERS: &[(&str, NativeFn)] =
    &[("pattern", g_pattern), ("flags", g_flags), ("groups", g_groups), ("groupindex", g_groupindex)];
