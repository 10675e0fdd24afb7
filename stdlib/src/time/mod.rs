//! The `time` module: clocks, `sleep` (which releases the GIL), and conversions between
//! timestamps, `struct_time` and strings through the C library (`localtime_r`, `mktime`,
//! `strftime`), so time zones behave as in CPython.

use std::ffi::{CStr, CString};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use gilpy_interpreter::builtins::structseq;
use gilpy_interpreter::object::{NativeFn, ObjRef};
use gilpy_interpreter::{Args, PyResult, Value, Vm};

use crate::util;

mod strptime;

const STRUCT_TIME_FIELDS: [&str; 9] =
    ["tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_wday", "tm_yday", "tm_isdst"];

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("time", time_time),
    ("time_ns", time_time_ns),
    ("sleep", time_sleep),
    ("monotonic", time_monotonic),
    ("monotonic_ns", time_monotonic_ns),
    ("perf_counter", time_monotonic),
    ("perf_counter_ns", time_monotonic_ns),
    ("process_time", time_process_time),
    ("process_time_ns", time_process_time_ns),
    ("thread_time", time_thread_time),
    ("thread_time_ns", time_thread_time_ns),
    ("localtime", time_localtime),
    ("gmtime", time_gmtime),
    ("mktime", time_mktime),
    ("strftime", time_strftime),
    ("asctime", time_asctime),
    ("ctime", time_ctime),
    ("tzset", time_tzset),
    ("strptime", time_strptime),
];

pub fn init(vm: &mut Vm) -> PyResult<ObjRef> {
    let module = util::new_module(vm, "time", FUNCTIONS);
    let struct_time = structseq::make_type(vm, "time", "struct_time", &STRUCT_TIME_FIELDS)?;
    util::set(vm, &module, "struct_time", Value::Obj(struct_time));
    set_timezone_attrs(vm, &module);
    Ok(module)
}

/// `timezone`, `altzone`, `daylight` and `tzname`, found as CPython does: from the local time
/// of January 1st and July 1st of this year.
fn set_timezone_attrs(vm: &Vm, module: &ObjRef) {
    // SAFETY: tzset only reads the TZ variable and updates libc's own time zone globals.
    unsafe { tzset() };
    let now = now_secs() as libc::time_t;
    let year_start = now - (now % (365 * 24 * 3600));
    let (jan, jul) = (local_tm(year_start), local_tm(year_start + 182 * 24 * 3600));
    let (Some(jan), Some(jul)) = (jan, jul) else { return };
    let (jan_off, jul_off) = (jan.tm_gmtoff, jul.tm_gmtoff);
    let (jan_name, jul_name) = (zone_name(&jan), zone_name(&jul));
    // The zone with the smaller offset is standard time (the other is daylight saving time).
    let (std_off, dst_off, std_name, dst_name) =
        if jan_off < jul_off { (jan_off, jul_off, jan_name, jul_name) } else { (jul_off, jan_off, jul_name, jan_name) };
    util::set(vm, module, "timezone", Value::Int(-std_off));
    util::set(vm, module, "altzone", Value::Int(-dst_off));
    util::set(vm, module, "daylight", Value::Int((jan_off != jul_off) as i64));
    util::set(vm, module, "tzname", Value::tuple(vec![Value::string(std_name), Value::string(dst_name)]));
}

extern "C" {
    /// POSIX `tzset` (not bound by the libc crate): re-reads the TZ variable.
    fn tzset();
}

fn zone_name(tm: &libc::tm) -> String {
    if tm.tm_zone.is_null() {
        return String::new();
    }
    // SAFETY: a non-null tm_zone filled by localtime_r points to a NUL-terminated string owned
    // by libc that lives as long as the time zone data.
    unsafe { CStr::from_ptr(tm.tm_zone) }.to_string_lossy().into_owned()
}

fn now_secs() -> f64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_secs_f64(),
        Err(e) => -e.duration().as_secs_f64(),
    }
}

fn time_time(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Float(now_secs()))
}

fn time_time_ns(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    let ns = match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i64,
        Err(e) => -(e.duration().as_nanos() as i64),
    };
    Ok(Value::Int(ns))
}

fn clock_ns(clock: libc::clockid_t) -> i64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid, writable timespec; the clock ids used are supported on Linux.
    unsafe { libc::clock_gettime(clock, &mut ts) };
    ts.tv_sec * 1_000_000_000 + ts.tv_nsec
}

fn time_monotonic(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Float(clock_ns(libc::CLOCK_MONOTONIC) as f64 / 1e9))
}

fn time_monotonic_ns(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Int(clock_ns(libc::CLOCK_MONOTONIC)))
}

fn time_process_time(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Float(clock_ns(libc::CLOCK_PROCESS_CPUTIME_ID) as f64 / 1e9))
}

fn time_process_time_ns(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Int(clock_ns(libc::CLOCK_PROCESS_CPUTIME_ID)))
}

fn time_thread_time(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Float(clock_ns(libc::CLOCK_THREAD_CPUTIME_ID) as f64 / 1e9))
}

fn time_thread_time_ns(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Int(clock_ns(libc::CLOCK_THREAD_CPUTIME_ID)))
}

fn time_sleep(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    util::no_kwargs(vm, "sleep", &args)?;
    let [secs] = args.items else {
        return Err(vm.type_error(format!("time.sleep() takes exactly one argument ({} given)", args.items.len())));
    };
    if gilpy_interpreter::builtins::int::as_int(secs).is_some_and(|i| i.to_i64().is_none()) {
        return Err(vm.overflow_error("timestamp too large to convert to C _PyTime_t"));
    }
    let secs = util::number_arg(vm, secs)?;
    if secs.is_nan() {
        return Err(vm.value_error("Invalid value NaN (not a number)"));
    }
    if secs < 0.0 {
        return Err(vm.value_error("sleep length must be non-negative"));
    }
    let Ok(duration) = Duration::try_from_secs_f64(secs) else {
        return Err(vm.overflow_error("timestamp out of range for platform time_t"));
    };
    vm.sleep(duration)?;
    Ok(Value::None)
}

// ----- struct_time conversions -----

/// A timestamp argument (`None` or absent: now) as whole seconds, rounded toward -inf.
fn timestamp_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<libc::time_t> {
    let secs = match v {
        None | Some(Value::None) => now_secs(),
        Some(v) => util::number_arg(vm, v)?,
    };
    if secs.is_nan() {
        return Err(vm.value_error("Invalid value NaN (not a number)"));
    }
    let floored = secs.floor();
    if !(-(2f64.powi(63))..2f64.powi(63)).contains(&floored) {
        return Err(vm.overflow_error("timestamp out of range for platform time_t"));
    }
    Ok(floored as libc::time_t)
}

fn empty_tm() -> libc::tm {
    // SAFETY: libc::tm is a plain C struct of integers and one pointer, for which all-zero bytes
    // (a null tm_zone) is a valid value.
    unsafe { std::mem::zeroed() }
}

fn local_tm(t: libc::time_t) -> Option<libc::tm> {
    let mut tm = empty_tm();
    // SAFETY: both pointers are valid for the call; localtime_r is the thread-safe variant.
    let r = unsafe { libc::localtime_r(&t, &mut tm) };
    (!r.is_null()).then_some(tm)
}

fn utc_tm(t: libc::time_t) -> Option<libc::tm> {
    let mut tm = empty_tm();
    // SAFETY: both pointers are valid for the call; gmtime_r is the thread-safe variant.
    let r = unsafe { libc::gmtime_r(&t, &mut tm) };
    (!r.is_null()).then_some(tm)
}

fn struct_time_value(vm: &mut Vm, tm: &libc::tm) -> PyResult<Value> {
    let class = util::module_class(vm, "time", "struct_time")?;
    let values = vec![
        Value::Int(tm.tm_year as i64 + 1900),
        Value::Int(tm.tm_mon as i64 + 1),
        Value::Int(tm.tm_mday as i64),
        Value::Int(tm.tm_hour as i64),
        Value::Int(tm.tm_min as i64),
        Value::Int(tm.tm_sec as i64),
        Value::Int((tm.tm_wday as i64 + 6) % 7),
        Value::Int(tm.tm_yday as i64 + 1),
        Value::Int(tm.tm_isdst as i64),
    ];
    let extra = [("tm_zone", Value::string(zone_name(tm))), ("tm_gmtoff", Value::Int(tm.tm_gmtoff))];
    Ok(structseq::new_instance(vm, &class, values, &extra))
}

fn convert_time(vm: &mut Vm, args: Args<'_>, name: &str, utc: bool) -> PyResult<Value> {
    util::no_kwargs(vm, name, &args)?;
    if args.items.len() > 1 {
        return Err(vm.type_error(format!("{name} expected at most 1 argument, got {}", args.items.len())));
    }
    let t = timestamp_arg(vm, args.items.first())?;
    let tm = if utc { utc_tm(t) } else { local_tm(t) };
    match tm {
        Some(tm) => struct_time_value(vm, &tm),
        None => Err(vm.overflow_error("timestamp out of range for platform time_t")),
    }
}

fn time_localtime(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    convert_time(vm, args, "localtime", false)
}

fn time_gmtime(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    convert_time(vm, args, "gmtime", true)
}

/// A `struct_time` or 9-sequence argument as a C `tm` (CPython's `gettmarg`).
fn tm_arg(vm: &mut Vm, v: &Value, fname: &str) -> PyResult<libc::tm> {
    let is_tuple = matches!(
        gilpy_interpreter::builtins::receiver(v).payload(),
        Some(gilpy_interpreter::object::Payload::Tuple(_))
    );
    if !is_tuple {
        return Err(vm.type_error("Tuple or struct_time argument required"));
    }
    let items = vm.iterate(v)?;
    if items.len() != 9 {
        return Err(vm.type_error(format!("{fname}(): illegal time tuple argument")));
    }
    let mut f = [0i64; 9];
    for (slot, item) in f.iter_mut().zip(&items) {
        if matches!(item, Value::Float(_)) {
            return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
        }
        *slot = vm.to_index(item)?;
    }
    let to_int = |vm: &Vm, x: i64| -> PyResult<i32> {
        i32::try_from(x).map_err(|_| {
            vm.overflow_error(if x > 0 {
                "signed integer is greater than maximum"
            } else {
                "signed integer is less than minimum"
            })
        })
    };
    let mut tm = empty_tm();
    tm.tm_year = to_int(vm, f[0] - 1900)?;
    tm.tm_mon = to_int(vm, f[1] - 1)?;
    tm.tm_mday = to_int(vm, f[2])?;
    tm.tm_hour = to_int(vm, f[3])?;
    tm.tm_min = to_int(vm, f[4])?;
    tm.tm_sec = to_int(vm, f[5])?;
    tm.tm_wday = to_int(vm, (f[6] + 1).rem_euclid(7))?;
    tm.tm_yday = to_int(vm, f[7] - 1)?;
    tm.tm_isdst = to_int(vm, f[8])?;
    if let Some(Value::Int(off)) = gilpy_interpreter::vm::attr::get_attr_opt(vm, v, "tm_gmtoff")? {
        tm.tm_gmtoff = off;
    }
    Ok(tm)
}

/// CPython's `checktm`, with the normalisations `strftime` and `asctime` apply first.
fn check_tm(vm: &Vm, tm: &mut libc::tm) -> PyResult<()> {
    if tm.tm_mon == -1 {
        tm.tm_mon = 0;
    }
    if tm.tm_mday == 0 {
        tm.tm_mday = 1;
    }
    if tm.tm_yday == -1 {
        tm.tm_yday = 0;
    }
    let checks: [(bool, &str); 7] = [
        ((0..=11).contains(&tm.tm_mon), "month out of range"),
        ((1..=31).contains(&tm.tm_mday), "day of month out of range"),
        ((0..=23).contains(&tm.tm_hour), "hour out of range"),
        ((0..=59).contains(&tm.tm_min), "minute out of range"),
        ((0..=61).contains(&tm.tm_sec), "seconds out of range"),
        ((0..=6).contains(&tm.tm_wday), "day of week out of range"),
        ((0..=365).contains(&tm.tm_yday), "day of year out of range"),
    ];
    for (ok, msg) in checks {
        if !ok {
            return Err(vm.value_error(msg));
        }
    }
    Ok(())
}

fn time_mktime(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    util::no_kwargs(vm, "mktime", &args)?;
    let [t] = args.items else {
        return Err(vm.type_error(format!("time.mktime() takes exactly one argument ({} given)", args.items.len())));
    };
    let mut tm = tm_arg(vm, t, "mktime")?;
    tm.tm_wday = -1;
    // SAFETY: `tm` is a valid, writable tm struct.
    let r = unsafe { libc::mktime(&mut tm) };
    if r == -1 && tm.tm_wday == -1 {
        return Err(vm.overflow_error("mktime argument out of range"));
    }
    Ok(Value::Float(r as f64))
}

fn time_strftime(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    util::no_kwargs(vm, "strftime", &args)?;
    let (format, t) = match args.items {
        [f] => (f, None),
        [f, t] => (f, Some(t)),
        _ => {
            return Err(vm.type_error(format!("strftime expected at most 2 arguments, got {}", args.items.len())));
        }
    };
    let format = util::str_arg(vm, format, "strftime() argument 1")?.to_string();
    let mut tm = match t {
        Some(t) => {
            let mut tm = tm_arg(vm, t, "strftime")?;
            check_tm(vm, &mut tm)?;
            tm
        }
        None => local_tm(timestamp_arg(vm, None)?).unwrap_or_else(empty_tm),
    };
    // A struct_time carries its zone name; a plain tuple has none (the C library then names
    // the zone from the DST flag). The CString must outlive the strftime call.
    let zone = match t {
        Some(t) => match gilpy_interpreter::vm::attr::get_attr_opt(vm, t, "tm_zone")? {
            Some(z) => z.as_str().and_then(|z| CString::new(z).ok()),
            None => None,
        },
        None => None,
    };
    if t.is_some() {
        tm.tm_zone = zone.as_ref().map_or(std::ptr::null(), |z| z.as_ptr());
    }
    let Ok(c_format) = CString::new(format.clone()) else {
        return Err(vm.value_error("embedded null character"));
    };
    if format.is_empty() {
        return Ok(Value::str(""));
    }
    let mut size = 1024 + format.len() * 16;
    loop {
        let mut buf = vec![0u8; size];
        // SAFETY: `buf` has `size` writable bytes, `c_format` is NUL-terminated, `tm` is valid.
        let n = unsafe { libc::strftime(buf.as_mut_ptr() as *mut libc::c_char, size, c_format.as_ptr(), &tm) };
        if n > 0 || size > 256 * format.len() + 4096 {
            buf.truncate(n);
            return Ok(Value::string(String::from_utf8_lossy(&buf).into_owned()));
        }
        size *= 4;
    }
}

const DAY_NAMES: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTH_NAMES: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// `asctime`'s fixed format: `Sun Jan  5 09:03:07 2025`.
fn asctime_text(tm: &libc::tm) -> String {
    format!(
        "{} {}{:>3} {:02}:{:02}:{:02} {}",
        DAY_NAMES[tm.tm_wday.rem_euclid(7) as usize],
        MONTH_NAMES[tm.tm_mon.rem_euclid(12) as usize],
        tm.tm_mday,
        tm.tm_hour,
        tm.tm_min,
        tm.tm_sec,
        tm.tm_year as i64 + 1900
    )
}

fn time_asctime(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    util::no_kwargs(vm, "asctime", &args)?;
    let tm = match args.items {
        [] => local_tm(timestamp_arg(vm, None)?).unwrap_or_else(empty_tm),
        [t] => {
            let mut tm = tm_arg(vm, t, "asctime")?;
            check_tm(vm, &mut tm)?;
            tm
        }
        _ => return Err(vm.type_error(format!("asctime expected at most 1 argument, got {}", args.items.len()))),
    };
    Ok(Value::string(asctime_text(&tm)))
}

fn time_ctime(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    util::no_kwargs(vm, "ctime", &args)?;
    if args.items.len() > 1 {
        return Err(vm.type_error(format!("ctime expected at most 1 argument, got {}", args.items.len())));
    }
    let t = timestamp_arg(vm, args.items.first())?;
    match local_tm(t) {
        Some(tm) => Ok(Value::string(asctime_text(&tm))),
        None => Err(vm.overflow_error("timestamp out of range for platform time_t")),
    }
}

fn time_tzset(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    let module = vm.import_module("time")?;
    if let Value::Obj(m) = module {
        set_timezone_attrs(vm, &m);
    }
    Ok(Value::None)
}

fn time_strptime(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    util::no_kwargs(vm, "strptime", &args)?;
    let default_format = Value::str("%a %b %d %H:%M:%S %Y");
    let (data, format) = match args.items {
        [d] => (d, &default_format),
        [d, f] => (d, f),
        [] => return Err(vm.type_error("_strptime_time() missing 1 required positional argument: 'data_string'")),
        _ => {
            let n = args.items.len();
            return Err(
                vm.type_error(format!("_strptime_time() takes from 1 to 2 positional arguments but {n} were given"))
            );
        }
    };
    let mut texts = Vec::with_capacity(2);
    for (i, v) in [data, format].into_iter().enumerate() {
        match v.as_str() {
            Some(s) => texts.push(s.to_string()),
            None => {
                let class = vm.class_of(v);
                let shown = vm.repr_of(&Value::Obj(class))?;
                return Err(vm.type_error(format!("strptime() argument {i} must be str, not {shown}")));
            }
        }
    }
    let tzname = util::module_attr(vm, "time", "tzname")?;
    let names = vm.iterate(&tzname)?;
    let name = |i: usize| names.get(i).and_then(|n| n.as_str()).unwrap_or("").to_string();
    let (std_name, dst_name) = (name(0), name(1));
    let daylight = util::module_attr(vm, "time", "daylight")?;
    let daylight = vm.is_true(&daylight)?;
    let parsed = strptime::strptime(vm, &texts[0], &texts[1], (&std_name, &dst_name), daylight)?;
    let class = util::module_class(vm, "time", "struct_time")?;
    let zone = parsed.zone.clone().map_or(Value::None, Value::string);
    let gmtoff = parsed.gmtoff.map_or(Value::None, Value::Int);
    let extra = [("tm_zone", zone), ("tm_gmtoff", gmtoff)];
    Ok(structseq::new_instance(vm, &class, strptime::values(&parsed), &extra))
}
