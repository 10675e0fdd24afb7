//! Python regular expression syntax -> fancy-regex syntax.
//!
//! A recursive-descent parser over the pattern's characters that follows CPython 3.11's
//! `sre_parse`: it raises the same errors at the same positions, and it writes an equivalent
//! pattern for fancy-regex, spelling out what differs (`$` before a final newline, `\Z`, ASCII
//! classes, octal escapes, named groups as numbered ones, literal `{`, verbose whitespace).

use std::collections::HashMap;

pub const FLAG_TEMPLATE: u32 = 1;
pub const FLAG_IGNORECASE: u32 = 2;
pub const FLAG_LOCALE: u32 = 4;
pub const FLAG_MULTILINE: u32 = 8;
pub const FLAG_DOTALL: u32 = 16;
pub const FLAG_UNICODE: u32 = 32;
pub const FLAG_VERBOSE: u32 = 64;
pub const FLAG_DEBUG: u32 = 128;
pub const FLAG_ASCII: u32 = 256;

const MAXREPEAT: u64 = 4_294_967_295;

/// A pattern error: CPython's message and the position (in characters) it points at.
#[derive(Debug, Clone)]
pub struct ReError {
    pub msg: String,
    pub pos: Option<usize>,
    /// Errors CPython raises as another exception type (ValueError, OverflowError).
    pub kind: ErrorKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    Re,
    Value,
    Overflow,
}

fn error(msg: impl Into<String>, pos: usize) -> ReError {
    ReError { msg: msg.into(), pos: Some(pos), kind: ErrorKind::Re }
}

/// The result of translating a pattern.
#[derive(Debug)]
pub struct Translated {
    pub regex: String,
    /// Number of capturing groups.
    pub groups: usize,
    /// Group names in definition order, with their numbers.
    pub names: Vec<(String, usize)>,
    /// The enclosing group of each group (index 0 unused), for `lastindex`.
    pub parents: Vec<Option<usize>>,
    /// The pattern's flags after inline global flags, with UNICODE added for str patterns.
    pub flags: u32,
}

const WHITESPACE: &[char] = &[' ', '\t', '\n', '\r', '\x0b', '\x0c'];
const ASCII_WORD: &str = "0-9A-Z_a-z";
const ASCII_SPACE: &str = " \\t\\n\\r\\x0B\\x0C";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Item {
    /// A zero-width assertion (`^`, `\b`, ...): nothing to repeat.
    At,
    Atom,
    Repeat,
}

/// Width range of a subpattern (for the fixed-width look-behind check).
#[derive(Clone, Copy)]
struct Width {
    min: u64,
    max: u64,
}

impl Width {
    const ZERO: Width = Width { min: 0, max: 0 };
    const ONE: Width = Width { min: 1, max: 1 };

    fn then(self, other: Width) -> Width {
        Width { min: self.min.saturating_add(other.min), max: self.max.saturating_add(other.max) }
    }
}

struct Parser<'a> {
    src: &'a [char],
    pos: usize,
    out: String,
    is_bytes: bool,
    groups: usize,
    names: HashMap<String, usize>,
    name_order: Vec<(String, usize)>,
    open: Vec<usize>,
    parents: Vec<Option<usize>>,
    group_widths: Vec<Width>,
    /// Position after the leading global flag groups.
    body_start: usize,
}

/// Checks and completes the flags as `re.compile` does.
pub fn check_flags(flags: u32, is_bytes: bool) -> Result<u32, ReError> {
    let value_error = |msg: &str| ReError { msg: msg.into(), pos: None, kind: ErrorKind::Value };
    if is_bytes {
        if flags & FLAG_UNICODE != 0 {
            return Err(value_error("cannot use UNICODE flag with a bytes pattern"));
        }
        if flags & FLAG_LOCALE != 0 && flags & FLAG_ASCII != 0 {
            return Err(value_error("ASCII and LOCALE flags are incompatible"));
        }
        Ok(flags)
    } else {
        if flags & FLAG_LOCALE != 0 {
            return Err(value_error("cannot use LOCALE flag with a str pattern"));
        }
        if flags & FLAG_ASCII != 0 && flags & FLAG_UNICODE != 0 {
            return Err(value_error("ASCII and UNICODE flags are incompatible"));
        }
        Ok(if flags & FLAG_ASCII == 0 { flags | FLAG_UNICODE } else { flags })
    }
}

pub fn translate(pattern: &[char], flags: u32, is_bytes: bool) -> Result<Translated, ReError> {
    let mut p = Parser {
        src: pattern,
        pos: 0,
        out: String::new(),
        is_bytes,
        groups: 0,
        names: HashMap::new(),
        name_order: Vec::new(),
        open: Vec::new(),
        parents: vec![None],
        group_widths: vec![Width::ZERO],
        body_start: 0,
    };
    let flags = p.leading_global_flags(flags)?;
    let flags = check_flags(flags, is_bytes)?;
    p.pos = p.body_start;
    let (_, width) = p.alternation(flags, 0)?;
    let _ = width;
    if p.pos < p.src.len() {
        // Only a ')' stops the top level early.
        return Err(error("unbalanced parenthesis", p.pos));
    }
    Ok(Translated { regex: p.out, groups: p.groups, names: p.name_order, parents: p.parents, flags })
}

fn flag_of(c: char) -> Option<u32> {
    Some(match c {
        'a' => FLAG_ASCII,
        'i' => FLAG_IGNORECASE,
        'L' => FLAG_LOCALE,
        'm' => FLAG_MULTILINE,
        's' => FLAG_DOTALL,
        'u' => FLAG_UNICODE,
        'x' => FLAG_VERBOSE,
        _ => return None,
    })
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.src.get(self.pos).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<char> {
        self.src.get(self.pos + offset).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn text(&self, from: usize, to: usize) -> String {
        self.src[from..to.min(self.src.len())].iter().collect()
    }

    /// Global inline flags at the very start (`(?i)(?x)...`), read before the body so that
    /// verbose mode applies to all of it.
    fn leading_global_flags(&mut self, mut flags: u32) -> Result<u32, ReError> {
        loop {
            if flags & FLAG_VERBOSE != 0 {
                self.skip_verbose();
            }
            if !(self.peek() == Some('(') && self.peek_at(1) == Some('?')) {
                break;
            }
            let save = self.pos;
            self.pos += 2;
            let mut add = 0;
            while let Some(f) = self.peek().and_then(flag_of) {
                add |= f;
                self.pos += 1;
            }
            if add == 0 || self.peek() != Some(')') {
                self.pos = save;
                break;
            }
            self.check_inline_flags(add, self.pos)?;
            self.pos += 1;
            flags |= add;
        }
        self.body_start = self.pos;
        Ok(flags)
    }

    fn check_inline_flags(&self, add: u32, pos: usize) -> Result<(), ReError> {
        if self.is_bytes && add & FLAG_UNICODE != 0 {
            return Err(error("bad inline flags: cannot use 'u' flag with a bytes pattern", pos));
        }
        if !self.is_bytes && add & FLAG_LOCALE != 0 {
            return Err(error("bad inline flags: cannot use 'L' flag with a str pattern", pos));
        }
        let exclusive = [FLAG_ASCII, FLAG_UNICODE, FLAG_LOCALE].iter().filter(|f| add & **f != 0).count();
        if exclusive > 1 {
            return Err(error("bad inline flags: flags 'a', 'u' and 'L' are incompatible", pos));
        }
        Ok(())
    }

    fn skip_verbose(&mut self) {
        loop {
            match self.peek() {
                Some(c) if WHITESPACE.contains(&c) => self.pos += 1,
                Some('#') => {
                    while let Some(c) = self.peek() {
                        self.pos += 1;
                        if c == '\n' {
                            break;
                        }
                    }
                }
                _ => return,
            }
        }
    }

    /// `a|b|c` up to a `)` or the end; returns the number of branches and the width.
    fn alternation(&mut self, flags: u32, depth: usize) -> Result<(usize, Width), ReError> {
        let mut branches = 1;
        let mut width = self.sequence(flags)?;
        while self.eat('|') {
            self.out.push('|');
            branches += 1;
            let w = self.sequence(flags)?;
            width = Width { min: width.min.min(w.min), max: width.max.max(w.max) };
        }
        if depth == 0 && self.peek() == Some(')') {
            return Err(error("unbalanced parenthesis", self.pos));
        }
        Ok((branches, width))
    }

    fn sequence(&mut self, flags: u32) -> Result<Width, ReError> {
        let mut last: Option<(Item, usize, Width)> = None;
        let mut width = Width::ZERO;
        loop {
            if flags & FLAG_VERBOSE != 0 {
                self.skip_verbose();
            }
            let Some(c) = self.peek() else { break };
            if c == '|' || c == ')' {
                break;
            }
            let start = self.pos;
            if matches!(c, '*' | '+' | '?') || (c == '{' && self.repeat_braces().is_some()) {
                let Some((kind, out_start, item_width)) = last else {
                    return Err(error("nothing to repeat", start));
                };
                if kind == Item::At {
                    return Err(error("nothing to repeat", start));
                }
                if kind == Item::Repeat {
                    return Err(error("multiple repeat", start));
                }
                let atom = self.out.split_off(out_start);
                let (min, max) = self.repeat(start)?;
                let quantifier = self.out.split_off(out_start);
                if item_width.max == 0 {
                    // fancy-regex repeats no look-around; a repeated zero-width item is the item
                    // itself (min >= 1) or optional (tried first unless lazy).
                    let lazy = quantifier.len() > 1 && quantifier.ends_with('?');
                    match (min, lazy) {
                        (0, false) => self.out.push_str(&format!("(?:{atom}|)")),
                        (0, true) => self.out.push_str(&format!("(?:|{atom})")),
                        _ => self.out.push_str(&atom),
                    }
                } else {
                    self.out.push_str(&atom);
                    self.out.push_str(&quantifier);
                }
                let repeated = Width {
                    min: item_width.min.saturating_mul(min),
                    max: if max >= MAXREPEAT { u64::MAX } else { item_width.max.saturating_mul(max) },
                };
                width = Width { min: width.min - item_width.min, max: width.max.saturating_sub(item_width.max) };
                width = width.then(repeated);
                last = Some((Item::Repeat, out_start, repeated));
                continue;
            }
            let out_start = self.out.len();
            let Some((kind, w)) = self.atom(flags)? else { continue };
            width = width.then(w);
            last = Some((kind, out_start, w));
        }
        Ok(width)
    }

    /// If a `{` at the cursor starts a valid `{m,n}` repeat: its (min, max) text pieces.
    fn repeat_braces(&self) -> Option<(String, Option<String>, usize)> {
        let mut i = self.pos + 1;
        let digits = |i: &mut usize| {
            let mut s = String::new();
            while let Some(c) = self.src.get(*i).filter(|c| c.is_ascii_digit()) {
                s.push(*c);
                *i += 1;
            }
            s
        };
        if self.src.get(i) == Some(&'}') {
            return None;
        }
        let lo = digits(&mut i);
        let hi = if self.src.get(i) == Some(&',') {
            i += 1;
            Some(digits(&mut i))
        } else {
            None
        };
        if self.src.get(i) != Some(&'}') {
            return None;
        }
        Some((lo, hi, i + 1))
    }

    /// Parses a quantifier at the cursor and writes it; returns (min, max).
    fn repeat(&mut self, start: usize) -> Result<(u64, u64), ReError> {
        let c = self.peek().unwrap_or('*');
        let (min, max) = match c {
            '*' => {
                self.pos += 1;
                (0, MAXREPEAT)
            }
            '+' => {
                self.pos += 1;
                (1, MAXREPEAT)
            }
            '?' => {
                self.pos += 1;
                (0, 1)
            }
            _ => {
                let (lo, hi, end) = self.repeat_braces().unwrap_or_default();
                self.pos = end;
                let parse = |s: &str| -> Result<u64, ReError> {
                    match s.parse::<u64>() {
                        Ok(n) if n < MAXREPEAT => Ok(n),
                        _ => Err(ReError {
                            msg: "the repetition number is too large".into(),
                            pos: None,
                            kind: ErrorKind::Overflow,
                        }),
                    }
                };
                let min = if lo.is_empty() { 0 } else { parse(&lo)? };
                let max = match &hi {
                    None => min,
                    Some(h) if h.is_empty() => MAXREPEAT,
                    Some(h) => parse(h)?,
                };
                if max < min {
                    return Err(error("min repeat greater than max repeat", start + 1));
                }
                (min, max)
            }
        };
        match (min, max) {
            (0, MAXREPEAT) => self.out.push('*'),
            (1, MAXREPEAT) => self.out.push('+'),
            (0, 1) => self.out.push('?'),
            (m, MAXREPEAT) => self.out.push_str(&format!("{{{m},}}")),
            (m, n) if m == n => self.out.push_str(&format!("{{{m}}}")),
            (m, n) => self.out.push_str(&format!("{{{m},{n}}}")),
        }
        if self.eat('?') {
            self.out.push('?');
        } else if self.eat('+') {
            self.out.push('+');
        }
        Ok((min, max))
    }

    /// One item; None for what writes nothing (comments, the leading global flags).
    fn atom(&mut self, flags: u32) -> Result<Option<(Item, Width)>, ReError> {
        let start = self.pos;
        let c = self.src[start];
        self.pos += 1;
        Ok(Some(match c {
            '.' => {
                self.out.push_str(if flags & FLAG_DOTALL != 0 { "(?s:.)" } else { "." });
                (Item::Atom, Width::ONE)
            }
            '^' => {
                self.out.push_str(if flags & FLAG_MULTILINE != 0 { "(?m:^)" } else { "^" });
                (Item::At, Width::ZERO)
            }
            '$' => {
                self.out.push_str(if flags & FLAG_MULTILINE != 0 { "(?m:$)" } else { "(?=\\n?\\z)" });
                (Item::At, Width::ZERO)
            }
            '[' => {
                self.class(flags, start)?;
                (Item::Atom, Width::ONE)
            }
            '(' => return self.group(flags, start),
            '\\' => self.escape(flags, start)?,
            '{' => {
                self.out.push_str("\\{");
                (Item::Atom, Width::ONE)
            }
            _ => {
                self.literal(flags, c);
                (Item::Atom, Width::ONE)
            }
        }))
    }

    /// A literal outside classes. With ASCII semantics (the ASCII flag, bytes) IGNORECASE folds
    /// only ASCII letters, so those are spelled out and the rest matched exactly.
    fn literal(&mut self, flags: u32, c: char) {
        let ascii = flags & FLAG_ASCII != 0 || self.is_bytes;
        if !(ascii && flags & FLAG_IGNORECASE != 0) {
            push_literal(&mut self.out, c, false);
        } else if c.is_ascii_alphabetic() {
            let (lower, upper) = (c.to_ascii_lowercase(), c.to_ascii_uppercase());
            self.out.push_str(&format!("(?-i:[{lower}{upper}])"));
        } else if c.is_ascii() {
            push_literal(&mut self.out, c, false);
        } else {
            self.out.push_str("(?-i:");
            push_literal(&mut self.out, c, false);
            self.out.push(')');
        }
    }

    // ----- groups -----

    fn group(&mut self, flags: u32, start: usize) -> Result<Option<(Item, Width)>, ReError> {
        if !self.eat('?') {
            return self.capture_group(flags, start, None).map(Some);
        }
        let Some(c) = self.peek() else {
            return Err(error("unexpected end of pattern", self.pos));
        };
        self.pos += 1;
        match c {
            ':' => {
                self.out.push_str("(?:");
                let (_, w) = self.alternation(flags, 1)?;
                self.close_group(start)?;
                Ok(Some((Item::Atom, w)))
            }
            'P' => self.group_p(flags, start),
            '=' | '!' => {
                self.out.push_str(if c == '=' { "(?=" } else { "(?!" });
                self.alternation(flags, 1)?;
                self.close_group(start)?;
                Ok(Some((Item::Atom, Width::ZERO)))
            }
            '<' => {
                let Some(d) = self.peek() else {
                    return Err(error("unexpected end of pattern", self.pos));
                };
                if d != '=' && d != '!' {
                    return Err(error(format!("unknown extension ?<{d}"), start + 1));
                }
                self.pos += 1;
                self.out.push_str(if d == '=' { "(?<=" } else { "(?<!" });
                let (_, w) = self.alternation(flags, 1)?;
                self.close_group(start)?;
                if w.min != w.max {
                    return Err(ReError {
                        msg: "look-behind requires fixed-width pattern".into(),
                        pos: None,
                        kind: ErrorKind::Re,
                    });
                }
                Ok(Some((Item::Atom, Width::ZERO)))
            }
            '#' => loop {
                match self.peek() {
                    None => return Err(error("missing ), unterminated comment", start)),
                    Some(')') => {
                        self.pos += 1;
                        return Ok(None);
                    }
                    Some(_) => self.pos += 1,
                }
            },
            '(' => self.conditional(flags, start),
            '>' => {
                self.out.push_str("(?>");
                let (_, w) = self.alternation(flags, 1)?;
                self.close_group(start)?;
                Ok(Some((Item::Atom, w)))
            }
            c if flag_of(c).is_some() || c == '-' => {
                self.pos -= 1;
                self.flag_group(flags, start)
            }
            other => Err(error(format!("unknown extension ?{other}"), start + 1)),
        }
    }

    fn close_group(&mut self, start: usize) -> Result<(), ReError> {
        if !self.eat(')') {
            return Err(error("missing ), unterminated subpattern", start));
        }
        self.out.push(')');
        Ok(())
    }

    fn capture_group(&mut self, flags: u32, start: usize, name: Option<String>) -> Result<(Item, Width), ReError> {
        self.groups += 1;
        let number = self.groups;
        if let Some(name) = name {
            self.names.insert(name.clone(), number);
            self.name_order.push((name, number));
        }
        self.parents.push(self.open.last().copied());
        self.group_widths.push(Width::ZERO);
        self.open.push(number);
        self.out.push('(');
        let (_, w) = self.alternation(flags, 1)?;
        self.close_group(start)?;
        self.open.pop();
        self.group_widths[number] = w;
        Ok((Item::Atom, w))
    }

    /// A group name up to `terminator`; CPython's errors for missing or bad names.
    fn group_name(&mut self, terminator: char) -> Result<String, ReError> {
        let name_start = self.pos;
        let mut name = String::new();
        loop {
            match self.peek() {
                None if name.is_empty() => return Err(error("missing group name", self.pos)),
                None => {
                    let what =
                        if terminator == '>' { "missing >, unterminated name" } else { "missing ), unterminated name" };
                    return Err(error(what, name_start));
                }
                Some(c) if c == terminator => {
                    self.pos += 1;
                    break;
                }
                Some(c) => {
                    name.push(c);
                    self.pos += 1;
                }
            }
        }
        if name.is_empty() {
            return Err(error("missing group name", name_start));
        }
        if !is_identifier(&name) {
            return Err(error(format!("bad character in group name {}", py_quote(&name)), name_start));
        }
        Ok(name)
    }

    fn group_p(&mut self, flags: u32, start: usize) -> Result<Option<(Item, Width)>, ReError> {
        match self.peek() {
            Some('<') => {
                self.pos += 1;
                let name_start = self.pos;
                let name = self.group_name('>')?;
                if let Some(previous) = self.names.get(&name) {
                    let msg = format!(
                        "redefinition of group name {} as group {}; was group {previous}",
                        py_quote(&name),
                        self.groups + 1
                    );
                    return Err(error(msg, name_start));
                }
                self.capture_group(flags, start, Some(name)).map(Some)
            }
            Some('=') => {
                self.pos += 1;
                let name_start = self.pos;
                let name = self.group_name(')')?;
                let Some(&number) = self.names.get(&name) else {
                    return Err(error(format!("unknown group name {}", py_quote(&name)), name_start));
                };
                if self.open.contains(&number) {
                    return Err(error("cannot refer to an open group", name_start));
                }
                self.out.push_str(&format!("(?:\\{number})"));
                let w = self.group_widths[number];
                Ok(Some((Item::Atom, w)))
            }
            Some(c) => Err(error(format!("unknown extension ?P{c}"), start + 1)),
            None => Err(error("unexpected end of pattern", self.pos)),
        }
    }

    fn conditional(&mut self, flags: u32, start: usize) -> Result<Option<(Item, Width)>, ReError> {
        let name_start = self.pos;
        let mut name = String::new();
        loop {
            match self.peek() {
                None if name.is_empty() => return Err(error("missing group name", self.pos)),
                None => return Err(error("missing ), unterminated name", name_start)),
                Some(')') => {
                    self.pos += 1;
                    break;
                }
                Some(c) => {
                    name.push(c);
                    self.pos += 1;
                }
            }
        }
        if name.is_empty() {
            return Err(error("missing group name", name_start));
        }
        let number = if let Some(&n) = self.names.get(&name) {
            n
        } else if name.chars().all(|c| c.is_ascii_digit()) {
            let n: usize = name.parse().unwrap_or(usize::MAX);
            if n == 0 {
                return Err(error("bad group number", name_start));
            }
            if n > self.groups {
                return Err(error(format!("invalid group reference {n}"), name_start));
            }
            n
        } else if is_identifier(&name) {
            return Err(error(format!("unknown group name {}", py_quote(&name)), name_start));
        } else {
            return Err(error(format!("bad character in group name {}", py_quote(&name)), name_start));
        };
        self.out.push_str(&format!("(?({number})"));
        let yes = self.sequence(flags)?;
        self.out.push('|');
        let no = if self.eat('|') { self.sequence(flags)? } else { Width::ZERO };
        if self.peek() == Some('|') {
            return Err(error("conditional backref with more than two branches", self.pos));
        }
        self.close_group(start)?;
        Ok(Some((Item::Atom, Width { min: yes.min.min(no.min), max: yes.max.max(no.max) })))
    }

    /// `(?aiLmsux)` (global; only at the start) or `(?aiLmsux-imsx:...)` (scoped).
    fn flag_group(&mut self, flags: u32, start: usize) -> Result<Option<(Item, Width)>, ReError> {
        let mut add = 0;
        let mut del = 0;
        while let Some(f) = self.peek().and_then(flag_of) {
            add |= f;
            self.pos += 1;
        }
        if self.eat('-') {
            loop {
                match self.peek() {
                    Some(c) if flag_of(c).is_some() => {
                        let f = flag_of(c).unwrap_or(0);
                        if matches!(c, 'a' | 'u' | 'L') {
                            return Err(error(
                                "bad inline flags: cannot turn off flags 'a', 'u' and 'L'",
                                self.pos + 1,
                            ));
                        }
                        del |= f;
                        self.pos += 1;
                    }
                    Some(c) if c.is_alphabetic() => return Err(error("unknown flag", self.pos)),
                    None => return Err(error("missing flag", self.pos)),
                    _ => break,
                }
            }
            if del == 0 {
                return Err(error("missing flag", self.pos));
            }
            if self.peek() != Some(':') {
                return Err(error("missing :", self.pos));
            }
        }
        self.check_inline_flags(add, self.pos)?;
        match self.peek() {
            Some(')') => {
                // A global flag group: the leading ones were read before the body.
                if start < self.body_start {
                    self.pos += 1;
                    return Ok(None);
                }
                Err(error("global flags not at the start of the expression", start))
            }
            Some(':') => {
                self.pos += 1;
                if add & del != 0 {
                    return Err(error("bad inline flags: flag turned on and off", self.pos - 1));
                }
                let mut inner = (flags | add) & !del;
                if add & FLAG_ASCII != 0 {
                    inner &= !FLAG_UNICODE;
                }
                if add & FLAG_UNICODE != 0 {
                    inner &= !FLAG_ASCII;
                }
                let case = match (add & FLAG_IGNORECASE != 0, del & FLAG_IGNORECASE != 0) {
                    (true, _) => "(?i:",
                    (_, true) => "(?-i:",
                    _ => "(?:",
                };
                self.out.push_str(case);
                let (_, w) = self.alternation(inner, 1)?;
                self.close_group(start)?;
                Ok(Some((Item::Atom, w)))
            }
            Some(c) if c.is_alphabetic() => Err(error("unknown flag", self.pos)),
            Some(_) => Err(error("missing -, : or )", self.pos)),
            None => Err(error("missing -, : or )", self.pos)),
        }
    }

    // ----- escapes -----

    fn escape(&mut self, flags: u32, start: usize) -> Result<(Item, Width), ReError> {
        let Some(c) = self.peek() else {
            return Err(error("bad escape (end of pattern)", start));
        };
        self.pos += 1;
        let ascii = flags & FLAG_ASCII != 0 || self.is_bytes;
        let category = |out: &mut String, s: &str| out.push_str(s);
        match c {
            'A' => category(&mut self.out, "\\A"),
            'Z' => category(&mut self.out, "\\z"),
            'b' | 'B' => {
                // Python's \B never matches in an empty string.
                let s = match (c, ascii) {
                    ('b', false) => "\\b".to_string(),
                    ('B', false) => "(?:(?!\\A\\z)\\B)".to_string(),
                    ('b', true) => {
                        format!("(?:(?<=[{ASCII_WORD}])(?![{ASCII_WORD}])|(?<![{ASCII_WORD}])(?=[{ASCII_WORD}]))")
                    }
                    _ => format!(
                        "(?:(?<=[{ASCII_WORD}])(?=[{ASCII_WORD}])|(?!\\A\\z)(?<![{ASCII_WORD}])(?![{ASCII_WORD}]))"
                    ),
                };
                self.out.push_str(&s);
                return Ok((Item::At, Width::ZERO));
            }
            'd' | 'D' | 's' | 'S' | 'w' | 'W' => {
                let s = category_class(c, ascii, false);
                self.out.push_str(&s);
                return Ok((Item::Atom, Width::ONE));
            }
            _ => {
                if let Some(ch) = self.common_escape(c, start, false)? {
                    self.literal(flags, ch);
                    return Ok((Item::Atom, Width::ONE));
                }
                return self.backreference(c, start);
            }
        }
        Ok((Item::At, Width::ZERO))
    }

    /// Escapes shared by patterns and classes: control letters, `\x`, `\u`, `\U`, octal,
    /// escaped punctuation. None when the escape is a group reference (outside classes).
    fn common_escape(&mut self, c: char, start: usize, in_class: bool) -> Result<Option<char>, ReError> {
        let simple = match c {
            'a' => Some('\x07'),
            'f' => Some('\x0c'),
            'n' => Some('\n'),
            'r' => Some('\r'),
            't' => Some('\t'),
            'v' => Some('\x0b'),
            '\\' => Some('\\'),
            'b' if in_class => Some('\x08'),
            _ => None,
        };
        if simple.is_some() {
            return Ok(simple);
        }
        let hex = |p: &mut Self, n: usize| -> Result<char, ReError> {
            let digits: String = p.src[p.pos..].iter().take(n).take_while(|d| d.is_ascii_hexdigit()).collect();
            p.pos += digits.len();
            if digits.len() != n {
                return Err(error(format!("incomplete escape \\{c}{digits}"), start));
            }
            let code = u32::from_str_radix(&digits, 16).unwrap_or(u32::MAX);
            char::from_u32(code).ok_or_else(|| error(format!("bad escape \\{c}{digits}"), start))
        };
        match c {
            'N' if !self.is_bytes => return self.named_char(start).map(Some),
            'x' => return hex(self, 2).map(Some),
            'u' if !self.is_bytes => return hex(self, 4).map(Some),
            'U' if !self.is_bytes => return hex(self, 8).map(Some),
            '0' => {
                let mut v = 0u32;
                for _ in 0..2 {
                    match self.peek().and_then(|d| d.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            self.pos += 1;
                        }
                        None => break,
                    }
                }
                return Ok(char::from_u32(v));
            }
            '1'..='9' => {
                if in_class {
                    if c > '7' {
                        return Err(error(format!("bad escape \\{c}"), start));
                    }
                    let mut digits = c.to_string();
                    while digits.len() < 3 {
                        match self.peek().filter(|d| d.is_digit(8)) {
                            Some(d) => {
                                digits.push(d);
                                self.pos += 1;
                            }
                            None => break,
                        }
                    }
                    return self.octal(&digits, start).map(Some);
                }
                // Three octal digits make an octal escape; otherwise a group reference.
                let second = self.peek().filter(|d| d.is_ascii_digit());
                let third = self.peek_at(1).filter(|d| d.is_digit(8));
                if let (Some(d2), Some(d3)) = (second, third) {
                    if c.is_digit(8) && d2.is_digit(8) {
                        self.pos += 2;
                        return self.octal(&format!("{c}{d2}{d3}"), start).map(Some);
                    }
                }
                return Ok(None);
            }
            _ => {}
        }
        if c.is_ascii_alphabetic() {
            return Err(error(format!("bad escape \\{c}"), start));
        }
        Ok(Some(c))
    }

    /// `\N{EM DASH}`.
    fn named_char(&mut self, start: usize) -> Result<char, ReError> {
        if !self.eat('{') {
            return Err(error("missing {", self.pos));
        }
        let name_start = self.pos;
        let mut name = String::new();
        loop {
            match self.peek() {
                None if name.is_empty() => return Err(error("missing character name", self.pos)),
                None => return Err(error("missing }, unterminated name", name_start)),
                Some('}') if name.is_empty() => return Err(error("missing character name", self.pos)),
                Some('}') => {
                    self.pos += 1;
                    break;
                }
                Some(c) => {
                    name.push(c);
                    self.pos += 1;
                }
            }
        }
        unicode_names2::character(&name)
            .ok_or_else(|| error(format!("undefined character name {}", py_quote(&name)), start))
    }

    fn octal(&self, digits: &str, start: usize) -> Result<char, ReError> {
        let v = u32::from_str_radix(digits, 8).unwrap_or(u32::MAX);
        if v > 0o377 {
            return Err(error(format!("octal escape value \\{digits} outside of range 0-0o377"), start));
        }
        Ok(char::from_u32(v).unwrap_or('\0'))
    }

    /// `\N` / `\NN`: a reference to a group defined (and closed) before.
    fn backreference(&mut self, first: char, start: usize) -> Result<(Item, Width), ReError> {
        let mut digits = first.to_string();
        if let Some(d) = self.peek().filter(|d| d.is_ascii_digit()) {
            digits.push(d);
            self.pos += 1;
        }
        let number: usize = digits.parse().unwrap_or(usize::MAX);
        if number > self.groups {
            return Err(error(format!("invalid group reference {number}"), start + 1));
        }
        if self.open.contains(&number) {
            return Err(error("cannot refer to an open group", start));
        }
        self.out.push_str(&format!("(?:\\{number})"));
        Ok((Item::Atom, self.group_widths[number]))
    }

    // ----- character classes -----

    fn class(&mut self, flags: u32, start: usize) -> Result<(), ReError> {
        let ascii = flags & FLAG_ASCII != 0 || self.is_bytes;
        let mut body = String::new();
        let negate = self.eat('^');
        let mut first = true;
        loop {
            let Some(c) = self.peek() else {
                return Err(error("unterminated character set", start));
            };
            let item_start = self.pos;
            self.pos += 1;
            if c == ']' && !first {
                break;
            }
            first = false;
            let lo = if c == '\\' { self.class_escape(ascii, item_start)? } else { ClassItem::Char(c) };
            if self.peek() == Some('-') {
                self.pos += 1;
                let Some(d) = self.peek() else {
                    return Err(error("unterminated character set", start));
                };
                let hi_start = self.pos;
                self.pos += 1;
                if d == ']' {
                    lo.write(&mut body);
                    body.push_str("\\-");
                    break;
                }
                let hi = if d == '\\' { self.class_escape(ascii, hi_start)? } else { ClassItem::Char(d) };
                let shown = format!("{}-{}", self.text(item_start, hi_start - 1), self.text(hi_start, self.pos));
                match (lo, hi) {
                    (ClassItem::Char(a), ClassItem::Char(b)) if a <= b => {
                        push_literal(&mut body, a, true);
                        body.push('-');
                        push_literal(&mut body, b, true);
                    }
                    _ => return Err(error(format!("bad character range {shown}"), item_start)),
                }
            } else {
                lo.write(&mut body);
            }
        }
        self.out.push('[');
        if negate {
            self.out.push('^');
        }
        self.out.push_str(&body);
        self.out.push(']');
        Ok(())
    }

    fn class_escape(&mut self, ascii: bool, start: usize) -> Result<ClassItem, ReError> {
        let Some(c) = self.peek() else {
            return Err(error("bad escape (end of pattern)", start));
        };
        self.pos += 1;
        if matches!(c, 'd' | 'D' | 's' | 'S' | 'w' | 'W') {
            return Ok(ClassItem::Category(category_class(c, ascii, true)));
        }
        match self.common_escape(c, start, true)? {
            Some(ch) => Ok(ClassItem::Char(ch)),
            None => Err(error(format!("bad escape \\{c}"), start)),
        }
    }
}

enum ClassItem {
    Char(char),
    /// A category's text for use inside a class.
    Category(String),
}

impl ClassItem {
    fn write(&self, out: &mut String) {
        match self {
            ClassItem::Char(c) => push_literal(out, *c, true),
            ClassItem::Category(s) => out.push_str(s),
        }
    }
}

/// `\d \D \s \S \w \W`, as a standalone item or (inside a class) as class content.
fn category_class(c: char, ascii: bool, in_class: bool) -> String {
    let body = match (c, ascii) {
        ('d', true) => "0-9".to_string(),
        ('w', true) => ASCII_WORD.to_string(),
        ('s', true) => ASCII_SPACE.to_string(),
        ('d', false) => "\\d".to_string(),
        ('w', false) => "\\w".to_string(),
        // Python's str.isspace() also counts the information separators \x1c-\x1f.
        ('s', false) => "\\s\\x1C-\\x1F".to_string(),
        ('D', true) => return "[^0-9]".to_string(),
        ('W', true) => return format!("[^{ASCII_WORD}]"),
        ('S', true) => return format!("[^{ASCII_SPACE}]"),
        ('D', false) => return "\\D".to_string(),
        ('W', false) => return "\\W".to_string(),
        _ => return "[^\\s\\x1C-\\x1F]".to_string(),
    };
    if in_class || body.starts_with('\\') && body.len() == 2 {
        body
    } else {
        format!("[{body}]")
    }
}

/// A literal character in fancy-regex syntax.
pub fn push_literal(out: &mut String, c: char, in_class: bool) {
    let meta: &[char] = if in_class {
        &['\\', '[', ']', '^', '-', '&', '~']
    } else {
        &['\\', '.', '+', '*', '?', '(', ')', '|', '[', ']', '{', '}', '^', '$', '#', '&', '-', '~']
    };
    if meta.contains(&c) {
        out.push('\\');
        out.push(c);
    } else if c.is_control() || c == ' ' && in_class || c.is_whitespace() {
        out.push_str(&format!("\\x{{{:X}}}", c as u32));
    } else {
        out.push(c);
    }
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c == '_' || c.is_alphabetic() => chars.all(|c| c == '_' || c.is_alphanumeric()),
        _ => false,
    }
}

/// `repr()` of a name in an error message.
fn py_quote(s: &str) -> String {
    if s.contains('\'') && !s.contains('"') {
        format!("\"{s}\"")
    } else {
        format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
    }
}
