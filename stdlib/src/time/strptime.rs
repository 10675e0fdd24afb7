//! `time.strptime`, after CPython's `_strptime` in the C locale: each directive matches what
//! CPython's regular expression for it matches (alternatives tried in the same order, with
//! backtracking), case-insensitively; then the fields are combined into a `struct_time`.

use gilpy_interpreter::{PyResult, Value, Vm};

const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

#[derive(Clone, Copy, Debug, PartialEq)]
enum Token {
    Literal(char),
    /// A run of whitespace in the format: one or more whitespace characters.
    Space,
    Directive(char),
}

/// The format as tokens, `%c`, `%x` and `%X` expanded; errors as CPython words them.
fn tokenize(vm: &Vm, format: &str) -> PyResult<Vec<Token>> {
    let mut out = Vec::new();
    let chars: Vec<char> = format.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            while i < chars.len() && chars[i].is_whitespace() {
                i += 1;
            }
            out.push(Token::Space);
            continue;
        }
        if c != '%' {
            out.push(Token::Literal(c));
            i += 1;
            continue;
        }
        let Some(&d) = chars.get(i + 1) else {
            return Err(vm.value_error(format!("stray % in format '{format}'")));
        };
        i += 2;
        match d {
            'c' => out.extend(tokenize(vm, "%a %b %d %H:%M:%S %Y")?),
            'x' => out.extend(tokenize(vm, "%m/%d/%y")?),
            'X' => out.extend(tokenize(vm, "%H:%M:%S")?),
            '%' => out.push(Token::Literal('%')),
            'a' | 'A' | 'b' | 'B' | 'd' | 'f' | 'G' | 'H' | 'I' | 'j' | 'm' | 'M' | 'p' | 'S' | 'u' | 'U' | 'V'
            | 'w' | 'W' | 'y' | 'Y' | 'z' | 'Z' => out.push(Token::Directive(d)),
            d => {
                let shown = if d.is_whitespace() { '%' } else { d };
                return Err(vm.value_error(format!("'{shown}' is a bad directive in format '{format}'")));
            }
        }
    }
    Ok(out)
}

fn digit(s: &[char], i: usize) -> bool {
    s.get(i).is_some_and(|c| c.is_ascii_digit())
}

fn in_range(s: &[char], i: usize, lo: char, hi: char) -> bool {
    s.get(i).is_some_and(|c| (lo..=hi).contains(c))
}

/// Which alternatives of a digit pattern match at `i`, as lengths in the regex's order. Each
/// alternative is a list of character classes: `'d'` any digit, `'x'..'y'` a range, or one
/// literal character.
fn alternatives(s: &[char], i: usize, alts: &[&[(char, char)]]) -> Vec<usize> {
    alts.iter()
        .filter(|alt| alt.iter().enumerate().all(|(k, &(lo, hi))| in_range(s, i + k, lo, hi)))
        .map(|alt| alt.len())
        .collect()
}

const D: (char, char) = ('0', '9');

/// The names (lowercase) a name directive accepts, longest first as CPython sorts them.
fn names(d: char, zones: &[String]) -> Vec<String> {
    let mut list: Vec<String> = match d {
        'A' => WEEKDAYS.iter().map(|s| s.to_string()).collect(),
        'a' => WEEKDAYS.iter().map(|s| s[..3].to_string()).collect(),
        'B' => MONTHS.iter().map(|s| s.to_string()).collect(),
        'b' => MONTHS.iter().map(|s| s[..3].to_string()).collect(),
        'p' => vec!["am".into(), "pm".into()],
        _ => zones.to_vec(),
    };
    list.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    list
}

fn matches_name(s: &[char], i: usize, name: &str) -> bool {
    let n = name.chars().count();
    i + n <= s.len() && s[i..i + n].iter().zip(name.chars()).all(|(a, b)| a.to_lowercase().eq(b.to_lowercase()))
}

/// Candidate match lengths of `%z` at `i`, longest (greedy) first.
fn tz_offset_lengths(s: &[char], i: usize) -> Vec<usize> {
    if s.get(i) == Some(&'Z') {
        return vec![1];
    }
    if !matches!(s.get(i), Some('+' | '-')) || !digit(s, i + 1) || !digit(s, i + 2) {
        return vec![];
    }
    let mut j = i + 3;
    if s.get(j) == Some(&':') {
        j += 1;
    }
    if !(in_range(s, j, '0', '5') && digit(s, j + 1)) {
        return vec![];
    }
    let minutes_end = j + 2;
    let mut out = Vec::new();
    let mut k = minutes_end;
    if s.get(k) == Some(&':') {
        k += 1;
    }
    if in_range(s, k, '0', '5') && digit(s, k + 1) {
        let seconds_end = k + 2;
        if s.get(seconds_end) == Some(&'.') {
            let n = (1..=6).take_while(|&m| digit(s, seconds_end + m)).count();
            for m in (1..=n).rev() {
                out.push(seconds_end + 1 + m - i);
            }
        }
        out.push(seconds_end - i);
    }
    out.push(minutes_end - i);
    out
}

/// Candidate lengths of directive `d` at position `i` of `s`, in the order the regex tries them.
fn candidates(d: char, s: &[char], i: usize, zones: &[String]) -> Vec<usize> {
    match d {
        'd' => alternatives(
            s,
            i,
            &[
                &[('3', '3'), ('0', '1')],
                &[('1', '2'), D],
                &[('0', '0'), ('1', '9')],
                &[('1', '9')],
                &[(' ', ' '), ('1', '9')],
            ],
        ),
        'H' => alternatives(s, i, &[&[('2', '2'), ('0', '3')], &[('0', '1'), D], &[D]]),
        'I' | 'm' => alternatives(s, i, &[&[('1', '1'), ('0', '2')], &[('0', '0'), ('1', '9')], &[('1', '9')]]),
        'j' => alternatives(
            s,
            i,
            &[
                &[('3', '3'), ('6', '6'), ('0', '6')],
                &[('3', '3'), ('0', '5'), D],
                &[('1', '2'), D, D],
                &[('0', '0'), ('1', '9'), D],
                &[('0', '0'), ('0', '0'), ('1', '9')],
                &[('1', '9'), D],
                &[('0', '0'), ('1', '9')],
                &[('1', '9')],
            ],
        ),
        'M' => alternatives(s, i, &[&[('0', '5'), D], &[D]]),
        'S' => alternatives(s, i, &[&[('6', '6'), ('0', '1')], &[('0', '5'), D], &[D]]),
        'U' | 'W' => alternatives(s, i, &[&[('5', '5'), ('0', '3')], &[('0', '4'), D], &[D]]),
        'V' => alternatives(s, i, &[&[('5', '5'), ('0', '3')], &[('0', '0'), ('1', '9')], &[('1', '4'), D], &[D]]),
        'w' => alternatives(s, i, &[&[('0', '6')]]),
        'u' => alternatives(s, i, &[&[('1', '7')]]),
        'y' => alternatives(s, i, &[&[D, D]]),
        'Y' | 'G' => alternatives(s, i, &[&[D, D, D, D]]),
        'f' => {
            let n = (0..6).take_while(|&k| digit(s, i + k)).count();
            (1..=n).rev().collect()
        }
        'z' => tz_offset_lengths(s, i),
        _ => names(d, zones)
            .iter()
            .filter(|n| !n.is_empty() && matches_name(s, i, n))
            .map(|n| n.chars().count())
            .collect(),
    }
}

/// Matches `tokens[t..]` against `s[i..]`, recording each directive's text; returns where the
/// match ends (the rest of the string is left over, as with `re.match`).
fn match_tokens(
    tokens: &[Token],
    t: usize,
    s: &[char],
    i: usize,
    zones: &[String],
    caps: &mut Vec<(char, String)>,
) -> Option<usize> {
    let Some(&tok) = tokens.get(t) else { return Some(i) };
    match tok {
        Token::Literal(c) => {
            let ok = s.get(i).is_some_and(|x| x.to_lowercase().eq(c.to_lowercase()));
            if ok {
                match_tokens(tokens, t + 1, s, i + 1, zones, caps)
            } else {
                None
            }
        }
        Token::Space => {
            let n = s[i.min(s.len())..].iter().take_while(|c| c.is_whitespace()).count();
            (1..=n).rev().find_map(|k| match_tokens(tokens, t + 1, s, i + k, zones, caps))
        }
        Token::Directive(d) => {
            for len in candidates(d, s, i, zones) {
                caps.push((d, s[i..i + len].iter().collect()));
                if let Some(end) = match_tokens(tokens, t + 1, s, i + len, zones, caps) {
                    return Some(end);
                }
                caps.pop();
            }
            None
        }
    }
}

// ----- calendar arithmetic (proleptic Gregorian, as `datetime.date`) -----

fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `datetime.date(y, m, d).toordinal()`, with `date`'s range checks.
fn ordinal(vm: &Vm, y: i64, m: i64, d: i64) -> PyResult<i64> {
    if !(1..=9999).contains(&y) {
        return Err(vm.value_error(format!("year {y} is out of range")));
    }
    if !(1..=12).contains(&m) {
        return Err(vm.value_error("month must be in 1..12"));
    }
    if d < 1 || d > days_in_month(y, m) {
        return Err(vm.value_error("day is out of range for month"));
    }
    let py = y - 1;
    let before_year = py * 365 + py / 4 - py / 100 + py / 400;
    let before_month: i64 = (1..m).map(|k| days_in_month(y, k)).sum();
    Ok(before_year + before_month + d)
}

/// `datetime.date.fromordinal(n)` as (year, month, day).
fn from_ordinal(vm: &Vm, n: i64) -> PyResult<(i64, i64, i64)> {
    if !(1..=3_652_059).contains(&n) {
        return Err(vm.value_error("ordinal must be in 1..3652059"));
    }
    let mut y = (n as f64 / 365.2425) as i64 + 1;
    while y > 1 && ordinal(vm, y, 1, 1)? > n {
        y -= 1;
    }
    while y < 9999 && ordinal(vm, y + 1, 1, 1)? <= n {
        y += 1;
    }
    let mut rest = n - ordinal(vm, y, 1, 1)? + 1;
    let mut m = 1;
    while rest > days_in_month(y, m) {
        rest -= days_in_month(y, m);
        m += 1;
    }
    Ok((y, m, rest))
}

fn weekday(vm: &Vm, y: i64, m: i64, d: i64) -> PyResult<i64> {
    Ok((ordinal(vm, y, m, d)? + 6) % 7)
}

fn julian_from_week(vm: &Vm, year: i64, week: i64, day_of_week: i64, week_starts_monday: bool) -> PyResult<i64> {
    let mut first = weekday(vm, year, 1, 1)?;
    let mut dow = day_of_week;
    if !week_starts_monday {
        first = (first + 1) % 7;
        dow = (dow + 1) % 7;
    }
    let week0_length = (7 - first) % 7;
    if week == 0 {
        return Ok(1 + dow - first);
    }
    Ok(1 + week0_length + 7 * (week - 1) + dow)
}

fn julian_from_iso(vm: &Vm, iso_year: i64, iso_week: i64, iso_weekday: i64) -> PyResult<(i64, i64)> {
    let correction = weekday(vm, iso_year, 1, 4)? + 1 + 3;
    let mut ordinal_day = iso_week * 7 + iso_weekday - correction;
    let mut year = iso_year;
    if ordinal_day < 1 {
        ordinal_day += ordinal(vm, iso_year, 1, 1)?;
        year -= 1;
        ordinal_day -= ordinal(vm, year, 1, 1)?;
    }
    Ok((year, ordinal_day))
}

/// The parsed fields: `(year, month, day, hour, minute, second, weekday, yday, isdst)`, the zone
/// name (`%Z`) and the UTC offset (`%z`).
pub struct Parsed {
    pub fields: [i64; 9],
    pub zone: Option<String>,
    pub gmtoff: Option<i64>,
}

fn num(s: &str) -> i64 {
    s.trim().parse().unwrap_or(0)
}

fn gmtoff_of(vm: &Vm, z: &str) -> PyResult<i64> {
    if z == "Z" {
        return Ok(0);
    }
    let mut chars: Vec<char> = z.chars().collect();
    if chars.get(3) == Some(&':') {
        chars.remove(3);
        if chars.len() > 5 {
            if chars[5] != ':' {
                return Err(vm.value_error(format!("Inconsistent use of : in {z}")));
            }
            chars.remove(5);
        }
    }
    let part = |a: usize, b: usize| -> i64 {
        chars.get(a..b.min(chars.len())).map_or(0, |p| num(&p.iter().collect::<String>()))
    };
    let offset = part(1, 3) * 3600 + part(3, 5) * 60 + part(5, 7);
    Ok(if chars[0] == '-' { -offset } else { offset })
}

/// `time.strptime(data, format)` as fields; `tzname`, `daylight`: the `time` module's zone data.
pub fn strptime(vm: &mut Vm, data: &str, format: &str, tzname: (&str, &str), daylight: bool) -> PyResult<Parsed> {
    let tokens = tokenize(vm, format)?;
    let mut zones: Vec<String> = vec!["utc".into(), "gmt".into(), tzname.0.to_lowercase()];
    if daylight {
        zones.push(tzname.1.to_lowercase());
    }
    zones.dedup();
    let s: Vec<char> = data.chars().collect();
    let mut caps = Vec::new();
    let Some(end) = match_tokens(&tokens, 0, &s, 0, &zones, &mut caps) else {
        let (d, f) = (vm.repr_of(&Value::str(data))?, vm.repr_of(&Value::str(format))?);
        return Err(vm.value_error(format!("time data {d} does not match format {f}")));
    };
    if end != s.len() {
        let rest: String = s[end..].iter().collect();
        return Err(vm.value_error(format!("unconverted data remains: {rest}")));
    }
    let get = |d: char| caps.iter().rev().find(|(k, _)| *k == d).map(|(_, v)| v.clone());
    let (mut year, mut iso_year): (Option<i64>, Option<i64>) = (None, None);
    let (mut month, mut day, mut hour, mut minute, mut second) = (1, 1, 0, 0, 0);
    let (mut tz, mut gmtoff) = (-1, None);
    let (mut iso_week, mut week_of_year, mut week_starts_monday) = (None, None, false);
    let (mut wday, mut julian): (Option<i64>, Option<i64>) = (None, None);
    let mut seen: Vec<char> = Vec::new();
    for (d, _) in &caps {
        if !seen.contains(d) {
            seen.push(*d);
        }
    }
    for d in seen {
        let v = get(d).unwrap_or_default();
        let lower = v.to_lowercase();
        match d {
            'y' => {
                let y = num(&v);
                year = Some(if y <= 68 { y + 2000 } else { y + 1900 });
            }
            'Y' => year = Some(num(&v)),
            'G' => iso_year = Some(num(&v)),
            'm' => month = num(&v),
            'B' => month = MONTHS.iter().position(|m| *m == lower).map_or(1, |p| p as i64 + 1),
            'b' => month = MONTHS.iter().position(|m| m[..3] == lower).map_or(1, |p| p as i64 + 1),
            'd' => day = num(&v),
            'H' => hour = num(&v),
            'I' => {
                hour = num(&v);
                let ampm = get('p').unwrap_or_default().to_lowercase();
                if ampm.is_empty() || ampm == "am" {
                    if hour == 12 {
                        hour = 0;
                    }
                } else if ampm == "pm" && hour != 12 {
                    hour += 12;
                }
            }
            'M' => minute = num(&v),
            'S' => second = num(&v),
            'A' => wday = WEEKDAYS.iter().position(|w| *w == lower).map(|p| p as i64),
            'a' => wday = WEEKDAYS.iter().position(|w| w[..3] == lower).map(|p| p as i64),
            'w' => {
                let w = num(&v);
                wday = Some(if w == 0 { 6 } else { w - 1 });
            }
            'u' => wday = Some(num(&v) - 1),
            'j' => julian = Some(num(&v)),
            'U' | 'W' => {
                week_of_year = Some(num(&v));
                week_starts_monday = d == 'W';
            }
            'V' => iso_week = Some(num(&v)),
            'z' => gmtoff = Some(gmtoff_of(vm, &v)?),
            'Z' => {
                let utc_like = lower == "utc" || lower == "gmt";
                let same_names = tzname.0 == tzname.1 && daylight && !utc_like;
                if !same_names {
                    if utc_like || lower == tzname.0.to_lowercase() {
                        tz = 0;
                    } else if daylight && lower == tzname.1.to_lowercase() {
                        tz = 1;
                    }
                }
            }
            _ => {}
        }
    }
    if year.is_none() && iso_year.is_some() {
        if iso_week.is_none() || wday.is_none() {
            return Err(vm.value_error(
                "ISO year directive '%G' must be used with the ISO week directive '%V' and a weekday directive ('%A', '%a', '%w', or '%u').",
            ));
        }
        if julian.is_some() {
            return Err(vm.value_error(
                "Day of the year directive '%j' is not compatible with ISO year directive '%G'. Use '%Y' instead.",
            ));
        }
    } else if week_of_year.is_none() && iso_week.is_some() {
        return Err(vm.value_error(if wday.is_none() {
            "ISO week directive '%V' must be used with the ISO year directive '%G' and a weekday directive ('%A', '%a', '%w', or '%u')."
        } else {
            "ISO week directive '%V' is incompatible with the year directive '%Y'. Use the ISO year '%G' instead."
        }));
    }
    let leap_year_fix = year.is_none() && month == 2 && day == 29;
    let mut year = year.unwrap_or(if leap_year_fix { 1904 } else { 1900 });
    if julian.is_none() {
        if let Some(w) = wday {
            if let Some(week) = week_of_year {
                julian = Some(julian_from_week(vm, year, week, w, week_starts_monday)?);
            } else if let (Some(iy), Some(iw)) = (iso_year, iso_week) {
                let (y, j) = julian_from_iso(vm, iy, iw, w + 1)?;
                year = y;
                julian = Some(j);
            }
            if let Some(j) = julian.filter(|&j| j <= 0) {
                year -= 1;
                julian = Some(j + if is_leap(year) { 366 } else { 365 });
            }
        }
    }
    let yday = match julian {
        None => ordinal(vm, year, month, day)? - ordinal(vm, year, 1, 1)? + 1,
        Some(j) => {
            let (y, m, d) = from_ordinal(vm, j - 1 + ordinal(vm, year, 1, 1)?)?;
            (year, month, day) = (y, m, d);
            j
        }
    };
    let wday = match wday {
        Some(w) => w,
        None => weekday(vm, year, month, day)?,
    };
    if leap_year_fix {
        year = 1900;
    }
    Ok(Parsed { fields: [year, month, day, hour, minute, second, wday, yday, tz], zone: get('Z'), gmtoff })
}

/// The fields as Python values (for the struct_time).
pub fn values(p: &Parsed) -> Vec<Value> {
    p.fields.iter().map(|&f| Value::Int(f)).collect()
}
