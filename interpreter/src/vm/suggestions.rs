//! "Did you mean" suggestions of CPython 3.11 tracebacks (`Python/suggestions.c`): the closest
//! name by a Levenshtein distance where a case change costs less than another edit. NameErrors
//! are given their candidates when raised (the frame's variable names, then its globals, then
//! the builtins); AttributeErrors look at `dir(obj)` when the traceback is printed.

use crate::object::{ObjRef, Payload};
use crate::value::Value;
use crate::vm::{PyErr, Vm};

const MAX_CANDIDATE_ITEMS: usize = 750;
const MAX_STRING_SIZE: usize = 40;
const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;

fn substitution_cost(a: u8, b: u8) -> usize {
    if (a & 31) != (b & 31) {
        return MOVE_COST;
    }
    if a == b {
        return 0;
    }
    if a.eq_ignore_ascii_case(&b) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

/// Edit distance between `a` and `b`, or anything above `max_cost` once it is sure to exceed it.
fn levenshtein<'a>(mut a: &'a [u8], mut b: &'a [u8], max_cost: usize) -> usize {
    while let (Some(x), Some(y)) = (a.first(), b.first()) {
        if x != y {
            break;
        }
        a = &a[1..];
        b = &b[1..];
    }
    while let (Some(x), Some(y)) = (a.last(), b.last()) {
        if x != y {
            break;
        }
        a = &a[..a.len() - 1];
        b = &b[..b.len() - 1];
    }
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost + 1;
    }
    if b.len() < a.len() {
        std::mem::swap(&mut a, &mut b);
    }
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let mut row: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (b_index, &code) in b.iter().enumerate() {
        let mut distance = b_index * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (index, &ac) in a.iter().enumerate() {
            let substitute = distance + substitution_cost(code, ac);
            distance = row[index];
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            row[index] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}

/// The candidate closest to `name`, if one is close enough.
pub fn best_match(candidates: &[String], name: &str) -> Option<String> {
    if candidates.len() >= MAX_CANDIDATE_ITEMS {
        return None;
    }
    let mut best: Option<(&String, usize)> = None;
    for item in candidates {
        if item == name {
            continue;
        }
        let max_distance = (name.len() + item.len() + 3) * MOVE_COST / 6;
        let max_distance = match best {
            Some((_, d)) => max_distance.min(d.saturating_sub(1)),
            None => max_distance,
        };
        let d = levenshtein(name.as_bytes(), item.as_bytes(), max_distance);
        if d > max_distance {
            continue;
        }
        if best.is_none_or(|(_, bd)| d < bd) {
            best = Some((item, d));
        }
    }
    best.map(|(s, _)| s.clone())
}

fn dict_names(vm: &Vm, d: &ObjRef) -> Vec<String> {
    match d.payload() {
        Payload::Dict(cell) => cell.borrow(vm).keys().iter().filter_map(|k| k.as_str().map(String::from)).collect(),
        _ => Vec::new(),
    }
}

/// A NameError for `name` raised in a frame with these variable names and globals, with its
/// `name` attribute and the suggestion the traceback will show.
pub fn name_error(vm: &Vm, name: &str, varnames: &[Value], globals: &ObjRef) -> PyErr {
    let err = vm.name_error(name);
    let locals: Vec<String> = varnames.iter().filter_map(|v| v.as_str().map(String::from)).collect();
    let suggestion = best_match(&locals, name)
        .or_else(|| best_match(&dict_names(vm, globals), name))
        .or_else(|| best_match(&dict_names(vm, &vm.interp.builtins), name));
    if let Payload::Instance(inst) = err.0.payload() {
        if let Payload::Dict(d) = inst.dict.payload() {
            d.borrow_mut(vm).set_str("name", Value::str(name));
        }
    }
    if let Some(mut data) = err.data_mut(vm) {
        data.suggestion = suggestion;
    }
    err
}

/// `. Did you mean: 'x'?` for the traceback's last line of a NameError or AttributeError.
pub fn suggestion_suffix(vm: &mut Vm, err: &PyErr) -> Option<String> {
    let found = if vm.err_matches(err, "AttributeError") {
        attribute_suggestion(vm, err)
    } else if vm.err_matches(err, "NameError") && !vm.err_matches(err, "UnboundLocalError") {
        err.data(vm).and_then(|d| d.suggestion.clone())
    } else {
        None
    };
    found.map(|s| format!(". Did you mean: '{s}'?"))
}

fn attribute_suggestion(vm: &mut Vm, err: &PyErr) -> Option<String> {
    let Payload::Instance(inst) = err.0.payload() else { return None };
    let (name, obj) = match inst.dict.payload() {
        Payload::Dict(d) => {
            let d = d.borrow(vm);
            (d.get_str("name").cloned()?, d.get_str("obj").cloned()?)
        }
        _ => return None,
    };
    let name = name.as_str()?.to_string();
    let dir_fn = vm.builtin("dir").ok()?;
    let dir = vm.call(&dir_fn, crate::vm::Args::new(&[obj])).ok()?;
    let names: Vec<String> = vm.sequence_items(&dir)?.iter().filter_map(|v| v.as_str().map(String::from)).collect();
    best_match(&names, &name)
}

#[cfg(test)]
mod tests {
    use super::best_match;

    fn m(cands: &[&str], name: &str) -> Option<String> {
        best_match(&cands.iter().map(|s| s.to_string()).collect::<Vec<_>>(), name)
    }

    #[test]
    fn picks_what_cpython_picks() {
        assert_eq!(m(&["count", "print"], "cout").as_deref(), Some("count"));
        assert_eq!(m(&["value"], "valeu").as_deref(), Some("value"));
        assert_eq!(m(&["Value"], "value").as_deref(), Some("Value"));
        assert_eq!(m(&["abcdef"], "xyz"), None);
        assert_eq!(m(&["exit", "exc_info"], "exitt").as_deref(), Some("exit"));
        assert_eq!(m(&["x"], "x"), None);
    }
}
