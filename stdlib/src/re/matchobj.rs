//! `re.Match`: groups by number or name, spans in characters, `expand`, `lastindex`.

use std::sync::Arc;

use gilpy_interpreter::object::{Native, NativeFn, ObjRef, Payload};
use gilpy_interpreter::{Args, PyResult, Value, Vm};

use super::pattern::expand_into;
use super::subject::Subject;
use super::{template, CompiledPattern};

/// Byte spans of the groups (0 = the whole match) in the engine's text.
pub type Spans = Vec<Option<(usize, usize)>>;

struct MatchData {
    pattern_obj: Value,
    pattern: Arc<CompiledPattern>,
    subject: Arc<Subject>,
    /// Byte spans, for slicing.
    spans: Spans,
    /// Character spans, for Python.
    char_spans: Vec<Option<(usize, usize)>>,
    pos: usize,
    endpos: usize,
    lastindex: Option<usize>,
}

pub fn new_match(
    _vm: &mut Vm,
    pattern_obj: &Value,
    pattern: &Arc<CompiledPattern>,
    subject: &Arc<Subject>,
    spans: Spans,
    pos: usize,
    endpos: usize,
) -> PyResult<Value> {
    let char_spans: Vec<Option<(usize, usize)>> =
        spans.iter().map(|s| s.map(|(a, b)| (subject.char_of(a), subject.char_of(b)))).collect();
    let lastindex = last_index(pattern, &char_spans);
    let data = MatchData {
        pattern_obj: pattern_obj.clone(),
        pattern: pattern.clone(),
        subject: subject.clone(),
        spans,
        char_spans,
        pos,
        endpos,
        lastindex,
    };
    let class = pattern.match_class.clone();
    Ok(Value::Obj(ObjRef::new(Payload::Native(Native { class, data: Box::new(data) }))))
}

/// The group that closed last: among the groups ending furthest, an enclosing group closes after
/// the groups it contains, and of two separate groups the later one closes last.
fn last_index(pattern: &CompiledPattern, spans: &[Option<(usize, usize)>]) -> Option<usize> {
    let encloses = |outer: usize, mut inner: usize| {
        while let Some(Some(parent)) = pattern.parents.get(inner) {
            if *parent == outer {
                return true;
            }
            inner = *parent;
        }
        false
    };
    let mut best: Option<(usize, usize)> = None;
    for (i, span) in spans.iter().enumerate().skip(1) {
        let Some((_, end)) = span else { continue };
        best = match best {
            None => Some((i, *end)),
            Some((_, best_end)) if *end > best_end => Some((i, *end)),
            Some((b, best_end)) if *end == best_end && !encloses(b, i) => Some((i, best_end)),
            keep => keep,
        };
    }
    best.map(|(i, _)| i)
}

fn this<'a>(vm: &mut Vm, args: &Args<'a>) -> PyResult<&'a MatchData> {
    match args.items.first().and_then(|v| v.payload()) {
        Some(Payload::Native(n)) => match n.downcast::<MatchData>() {
            Some(d) => Ok(d),
            None => Err(vm.type_error("descriptor requires a 're.Match' object")),
        },
        _ => Err(vm.type_error("descriptor requires a 're.Match' object")),
    }
}

/// A group argument (number or name) as a group number.
fn group_number(vm: &mut Vm, m: &MatchData, g: &Value) -> PyResult<usize> {
    let index = match g {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i64),
        _ => match g.as_str() {
            Some(name) => m.pattern.group_index(name).map(|i| i as i64),
            None => match g.payload() {
                Some(Payload::BigInt(_)) => None,
                _ => vm.to_index(g).ok(),
            },
        },
    };
    match index {
        Some(i) if i >= 0 && (i as usize) <= m.pattern.groups => Ok(i as usize),
        _ => Err(vm.index_error("no such group")),
    }
}

fn group_value(m: &MatchData, i: usize, default: &Value) -> Value {
    match m.char_spans.get(i).copied().flatten() {
        Some((a, b)) => m.subject.slice(a, b),
        None => default.clone(),
    }
}

fn m_group(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let m = this(vm, &args)?;
    let wanted = &args.positional()[1..];
    match wanted {
        [] => Ok(group_value(m, 0, &Value::None)),
        [g] => {
            let i = group_number(vm, m, g)?;
            Ok(group_value(m, i, &Value::None))
        }
        many => {
            let mut out = Vec::with_capacity(many.len());
            for g in many {
                let i = group_number(vm, m, g)?;
                out.push(group_value(m, i, &Value::None));
            }
            Ok(Value::tuple(out))
        }
    }
}

fn m_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    vm.check_arg_count("__getitem__", &args, 2, 2)?;
    let m = this(vm, &args)?;
    let i = group_number(vm, m, &args.items[1])?;
    Ok(group_value(m, i, &Value::None))
}

fn m_groups(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let m = this(vm, &args)?;
    let default = args.get(1, "default").cloned().unwrap_or(Value::None);
    Ok(Value::tuple((1..=m.pattern.groups).map(|i| group_value(m, i, &default)).collect()))
}

fn m_groupdict(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let m = this(vm, &args)?;
    let default = args.get(1, "default").cloned().unwrap_or(Value::None);
    let dict = vm.new_dict();
    for (name, index) in &m.pattern.names {
        vm.dict_set(&dict, Value::str(name), group_value(m, *index, &default))?;
    }
    Ok(Value::Obj(dict))
}

fn span_of(vm: &mut Vm, args: &Args<'_>) -> PyResult<(i64, i64)> {
    let m = this(vm, args)?;
    let i = match args.get(1, "group") {
        Some(g) => group_number(vm, m, g)?,
        None => 0,
    };
    Ok(match m.char_spans.get(i).copied().flatten() {
        Some((a, b)) => (a as i64, b as i64),
        None => (-1, -1),
    })
}

fn m_start(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Int(span_of(vm, &args)?.0))
}

fn m_end(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Int(span_of(vm, &args)?.1))
}

fn m_span(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (a, b) = span_of(vm, &args)?;
    Ok(Value::tuple(vec![Value::Int(a), Value::Int(b)]))
}

fn m_expand(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let m = this(vm, &args)?;
    let Some(template_value) = args.get(1, "template") else {
        return Err(vm.type_error("expand() missing required argument 'template' (pos 1)"));
    };
    let pieces = template::parse(vm, template_value, &m.pattern)?;
    let mut out = String::new();
    expand_into(&mut out, &pieces, &m.spans, m.subject.text());
    Ok(m.subject.make(&out))
}

fn m_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let m = this(vm, &args)?;
    let (a, b) = m.char_spans[0].unwrap_or((0, 0));
    let text = m.subject.slice(a, b);
    let shown: String = vm.repr_of(&text)?.chars().take(50).collect();
    Ok(Value::string(format!("<re.Match object; span=({a}, {b}), match={shown}>")))
}

fn m_copy(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    this(vm, &args)?;
    Ok(args.items[0].clone())
}

fn g_string(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(this(vm, &args)?.subject.value.clone())
}

fn g_re(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(this(vm, &args)?.pattern_obj.clone())
}

fn g_pos(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Int(this(vm, &args)?.pos as i64))
}

fn g_endpos(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Int(this(vm, &args)?.endpos as i64))
}

fn g_lastindex(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(this(vm, &args)?.lastindex.map_or(Value::None, |i| Value::Int(i as i64)))
}

fn g_lastgroup(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let m = this(vm, &args)?;
    let Some(last) = m.lastindex else { return Ok(Value::None) };
    Ok(m.pattern.names.iter().find(|(_, i)| *i == last).map_or(Value::None, |(n, _)| Value::str(n)))
}

fn g_regs(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let m = this(vm, &args)?;
    let regs = m
        .char_spans
        .iter()
        .map(|s| {
            let (a, b) = s.map_or((-1, -1), |(a, b)| (a as i64, b as i64));
            Value::tuple(vec![Value::Int(a), Value::Int(b)])
        })
        .collect();
    Ok(Value::tuple(regs))
}

pub const METHODS: &[(&str, NativeFn)] = &[
    ("group", m_group),
    ("groups", m_groups),
    ("groupdict", m_groupdict),
    ("start", m_start),
    ("end", m_end),
    ("span", m_span),
    ("expand", m_expand),
    ("__getitem__", m_getitem),
    ("__repr__", m_repr),
    ("__copy__", m_copy),
    ("__deepcopy__", m_copy),
];

pub const GETTERS: &[(&str, NativeFn)] = &[
    ("string", g_string),
    ("re", g_re),
    ("pos", g_pos),
    ("endpos", g_endpos),
    ("lastindex", g_lastindex),
    ("lastgroup", g_lastgroup),
    ("regs", g_regs),
];
