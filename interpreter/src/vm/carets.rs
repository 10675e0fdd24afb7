//! The marker line CPython 3.11 prints under a traceback's source line: `^^^^` under the
//! expression that failed when it is only part of the line, and `~~^^~~` for a binary operation
//! or subscript (`~` for the operands, `^` for the operator or the brackets).

use gilpy_grammar::ast::{ExprKind, StmtKind};

use crate::bytecode::CodeObject;

/// The marker line (with its newline) for instruction `pc` of `code`, on source line `line_no`,
/// or `None` when CPython would print none (the expression spans the whole line).
pub(crate) fn caret_line(code: &CodeObject, pc: usize, line_no: usize) -> Option<String> {
    let span = code.spans.get(pc)?;
    if span.end <= span.start {
        return None;
    }
    let lines = code.source.lines();
    let (start_line, start_col) = lines.line_col(span.start);
    let (end_line, end_col) = lines.line_col(span.end);
    if start_line != line_no {
        return None;
    }
    let line: Vec<char> = lines.line_text(line_no).chars().collect();
    let start = (start_col - 1).min(line.len());
    let (end, anchors) = if end_line == start_line {
        let end = (end_col - 1).clamp(start, line.len());
        let segment: String = line[start..end].iter().collect();
        (end, anchors_of(&segment))
    } else {
        // Only the first line of a multi-line expression is shown; mark it to its end.
        let trimmed = line.iter().rposition(|c| !c.is_whitespace()).map_or(0, |i| i + 1);
        (trimmed.max(start), None)
    };
    let indent = line.iter().take_while(|c| c.is_whitespace()).count();
    let stripped_len = line.iter().rposition(|c| !c.is_whitespace()).map_or(0, |i| i + 1).saturating_sub(indent);
    let has_operator_marks = anchors.is_some_and(|(left, right)| right > left);
    if end - start >= stripped_len && !has_operator_marks {
        return None;
    }
    let mut out = " ".repeat(4 + start.saturating_sub(indent));
    match anchors {
        Some((left, right)) => {
            let width = end - start;
            let (left, right) = (left.min(width), right.clamp(left.min(width), width));
            out.push_str(&"~".repeat(left));
            out.push_str(&"^".repeat(right - left));
            out.push_str(&"~".repeat(width - right));
        }
        None => out.push_str(&"^".repeat(end - start)),
    }
    out.push('\n');
    Some(out)
}

/// For a segment that is a binary operation or a subscript: the character range, within the
/// segment, of the operator or of the brackets.
fn anchors_of(segment: &str) -> Option<(usize, usize)> {
    let module = gilpy_grammar::parse_module(segment).ok()?;
    let [statement] = module.body.as_slice() else {
        return None;
    };
    let StmtKind::Expr(expr) = &statement.kind else {
        return None;
    };
    let chars: Vec<char> = segment.chars().collect();
    let char_at = |byte: u32| segment[..(byte as usize).min(segment.len())].chars().count();
    match &expr.kind {
        ExprKind::BinOp { left, right, .. } => {
            let operands_gap_end = char_at(right.span.start);
            let mut i = char_at(left.span.end);
            // Skip the spaces and closing parentheses that end the left operand.
            while i < operands_gap_end && (chars[i].is_whitespace() || chars[i] == ')') {
                i += 1;
            }
            if i >= operands_gap_end {
                return None;
            }
            let two_chars = i + 1 < operands_gap_end && !chars[i + 1].is_whitespace();
            Some((i, if two_chars { i + 2 } else { i + 1 }))
        }
        ExprKind::Subscript { value, slice } => {
            let mut left = char_at(value.span.end);
            while left < chars.len() && chars[left] != '[' {
                left += 1;
            }
            let mut right = char_at(slice.span.end) + 1;
            while right < chars.len() && chars[right] != ']' {
                right += 1;
            }
            if right < chars.len() {
                right += 1;
            }
            Some((left, right))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::anchors_of;

    #[test]
    fn operator_and_subscript_anchors() {
        assert_eq!(anchors_of("a + b"), Some((2, 3)));
        assert_eq!(anchors_of("a // b"), Some((2, 4)));
        assert_eq!(anchors_of("(a) * b"), Some((4, 5)));
        assert_eq!(anchors_of("{}[\"missing\"]"), Some((2, 13)));
        assert_eq!(anchors_of("x[1][2]"), Some((4, 7)));
        assert_eq!(anchors_of("f(x)"), None);
        assert_eq!(anchors_of("raise X"), None);
    }
}
