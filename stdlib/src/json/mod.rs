//! The `json` module: `dumps`/`dump`/`loads`/`load`, the `JSONEncoder` and `JSONDecoder` classes
//! (subclassable: `cls=`, overriding `default`), and `JSONDecodeError` (a `ValueError`). Output
//! and error messages match CPython's; `json.decoder` and `json.encoder` are importable too.

mod decode;
mod encode;

use gilpy_interpreter::builtins::receiver;
use gilpy_interpreter::object::{NativeFn, ObjRef, Payload};
use gilpy_interpreter::vm::attr::get_attr_opt;
use gilpy_interpreter::{Args, PyResult, Value, Vm};

use crate::util;
use decode::Hooks;
use encode::{Encoder, Settings};

const FUNCTIONS: &[(&str, NativeFn)] =
    &[("dumps", json_dumps), ("dump", json_dump), ("loads", json_loads), ("load", json_load)];

const ENCODER_METHODS: &[(&str, NativeFn)] = &[
    ("__init__", encoder_init),
    ("encode", encoder_encode),
    ("iterencode", encoder_iterencode),
    ("default", encoder_default),
];

const DECODER_METHODS: &[(&str, NativeFn)] =
    &[("__init__", decoder_init), ("decode", decoder_decode), ("raw_decode", decoder_raw_decode)];

/// The keyword parameters of `dumps` that configure the encoder, with their defaults.
const ENCODER_PARAMS: &[&str] =
    &["skipkeys", "ensure_ascii", "check_circular", "allow_nan", "sort_keys", "indent", "separators", "default"];

const DECODER_PARAMS: &[&str] =
    &["object_hook", "parse_float", "parse_int", "parse_constant", "strict", "object_pairs_hook"];

pub fn init(vm: &mut Vm) -> PyResult<ObjRef> {
    let module = util::new_module(vm, "json", FUNCTIONS);
    let error = util::exception_class(
        vm,
        "json.decoder",
        "JSONDecodeError",
        vm.exc_class("ValueError"),
        &[("__init__", decode::decode_error_init)],
    );
    let encoder = util::native_class(vm, "json.encoder", "JSONEncoder", ENCODER_METHODS);
    if let Payload::Class(c) = encoder.payload() {
        let mut dict = c.dict.borrow_mut(vm);
        dict.set_str("item_separator", Value::str(", "));
        dict.set_str("key_separator", Value::str(": "));
    }
    let decoder = util::native_class(vm, "json.decoder", "JSONDecoder", DECODER_METHODS);
    for (name, class) in [("JSONDecodeError", &error), ("JSONEncoder", &encoder), ("JSONDecoder", &decoder)] {
        util::set(vm, &module, name, Value::Obj(class.clone()));
    }
    let modules = vm.interp.modules.clone();
    let submodules: [(&str, &[(&str, &ObjRef)]); 2] = [
        ("decoder", &[("JSONDecodeError", &error), ("JSONDecoder", &decoder)]),
        ("encoder", &[("JSONEncoder", &encoder)]),
    ];
    for (name, classes) in submodules {
        let full = format!("json.{name}");
        let sub = vm.new_module(&full);
        for (class_name, class) in classes {
            util::set(vm, &sub, class_name, Value::Obj((*class).clone()));
        }
        vm.dict_set_str_value(&modules, Value::string(full), Value::Obj(sub.clone()));
        util::set(vm, &module, name, Value::Obj(sub));
    }
    Ok(module)
}

// ----- encoding -----

fn truth(vm: &mut Vm, v: Option<&Value>, default: bool) -> PyResult<bool> {
    match v {
        Some(v) => vm.is_true(v),
        None => Ok(default),
    }
}

/// Encoder settings from the parameter values `get(name)` gives (absent: the default).
fn settings_from(vm: &mut Vm, get: &mut dyn FnMut(&mut Vm, &str) -> PyResult<Option<Value>>) -> PyResult<Settings> {
    let mut flag = |vm: &mut Vm, name: &str, default: bool| -> PyResult<bool> {
        let v = get(vm, name)?;
        truth(vm, v.as_ref(), default)
    };
    let skipkeys = flag(vm, "skipkeys", false)?;
    let ensure_ascii = flag(vm, "ensure_ascii", true)?;
    let check_circular = flag(vm, "check_circular", true)?;
    let allow_nan = flag(vm, "allow_nan", true)?;
    let sort_keys = flag(vm, "sort_keys", false)?;
    let indent = match get(vm, "indent")?.filter(|v| !v.is_none()) {
        None => None,
        Some(v) => Some(match receiver(&v).as_str() {
            Some(s) => s.to_string(),
            None => {
                let spaces = vm.binary_op(&Value::str(" "), &v, gilpy_interpreter::bytecode::BinaryOp::Mul)?;
                vm.str_of(&spaces)?
            }
        }),
    };
    let (item_separator, key_separator) = match get(vm, "separators")?.filter(|v| !v.is_none()) {
        Some(seps) => {
            let pair = vm.unpack(&seps, 2)?;
            (vm.str_of(&pair[0])?, vm.str_of(&pair[1])?)
        }
        None if indent.is_some() => (",".to_string(), ": ".to_string()),
        None => (", ".to_string(), ": ".to_string()),
    };
    let default = get(vm, "default")?.filter(|v| !v.is_none());
    Ok(Settings {
        skipkeys,
        ensure_ascii,
        check_circular,
        allow_nan,
        sort_keys,
        indent,
        item_separator,
        key_separator,
        default,
    })
}

fn encode_with(vm: &mut Vm, settings: &Settings, obj: &Value) -> PyResult<String> {
    let mut encoder = Encoder::new(settings);
    encoder.encode(vm, obj, 0)?;
    Ok(encoder.finish())
}

/// `dumps(obj, **kw)`: with `cls`, or keywords the built-in encoder does not know, through
/// `cls(**kw).encode(obj)` as CPython does.
fn dumps_impl(vm: &mut Vm, obj: &Value, args: &Args<'_>) -> PyResult<Value> {
    let cls = args.kw("cls").filter(|c| !c.is_none()).cloned();
    let unknown = args.keywords().any(|(k, _)| k != "cls" && !ENCODER_PARAMS.contains(&k));
    if cls.is_none() && !unknown {
        let settings = settings_from(vm, &mut |_, name| Ok(args.kw(name).cloned()))?;
        return Ok(Value::string(encode_with(vm, &settings, obj)?));
    }
    let cls = match cls {
        Some(c) => c,
        None => util::module_attr(vm, "json", "JSONEncoder")?,
    };
    let (names, values): (Vec<Value>, Vec<Value>) =
        args.keywords().filter(|(k, _)| *k != "cls").map(|(k, v)| (Value::str(k), v.clone())).unzip();
    let encoder = vm.call(&cls, Args { items: &values, kwnames: &names })?;
    vm.call_method(&encoder, "encode", std::slice::from_ref(obj))
}

fn json_dumps(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let [obj] = args.positional() else {
        return Err(positional_error(vm, "dumps", 1, args.positional().len()));
    };
    dumps_impl(vm, obj, &args)
}

fn json_dump(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let [obj, fp] = args.positional() else {
        return Err(positional_error(vm, "dump", 2, args.positional().len()));
    };
    let text = dumps_impl(vm, obj, &args)?;
    vm.call_method(fp, "write", &[text])?;
    Ok(Value::None)
}

fn positional_error(vm: &Vm, fname: &str, want: usize, given: usize) -> gilpy_interpreter::PyErr {
    if given < want {
        let names = if want == 1 { "'obj'" } else { "'obj' and 'fp'" };
        let missing = if want == 2 && given == 1 { "'fp'".to_string() } else { names.to_string() };
        let n = want - given;
        return vm.type_error(format!(
            "{fname}() missing {n} required positional argument{}: {missing}",
            if n == 1 { "" } else { "s" }
        ));
    }
    vm.type_error(format!(
        "{fname}() takes {want} positional argument{} but {given} were given",
        if want == 1 { "" } else { "s" }
    ))
}

fn this(vm: &Vm, args: &Args<'_>) -> PyResult<Value> {
    args.positional().first().cloned().ok_or_else(|| vm.type_error("method needs an instance"))
}

/// Only keyword parameters from `allowed`, as `def __init__(self, *, ...)`.
fn check_init_kwargs(vm: &Vm, class: &str, args: &Args<'_>, allowed: &[&str]) -> PyResult<()> {
    if args.positional().len() > 1 {
        return Err(vm.type_error(format!(
            "{class}.__init__() takes 1 positional argument but {} were given",
            args.positional().len()
        )));
    }
    for (k, _) in args.keywords() {
        if !allowed.contains(&k) {
            return Err(vm.type_error(format!("{class}.__init__() got an unexpected keyword argument '{k}'")));
        }
    }
    Ok(())
}

fn encoder_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    check_init_kwargs(vm, "JSONEncoder", &args, ENCODER_PARAMS)?;
    let this = this(vm, &args)?;
    let defaults = [
        ("skipkeys", Value::Bool(false)),
        ("ensure_ascii", Value::Bool(true)),
        ("check_circular", Value::Bool(true)),
        ("allow_nan", Value::Bool(true)),
        ("sort_keys", Value::Bool(false)),
        ("indent", Value::None),
    ];
    for (name, default) in defaults {
        let v = args.kw(name).cloned().unwrap_or(default);
        vm.set_attr(&this, &Value::str(name), v)?;
    }
    let indent_given = args.kw("indent").is_some_and(|v| !v.is_none());
    match args.kw("separators").filter(|v| !v.is_none()) {
        Some(seps) => {
            let pair = vm.unpack(seps, 2)?;
            vm.set_attr(&this, &Value::str("item_separator"), pair[0].clone())?;
            vm.set_attr(&this, &Value::str("key_separator"), pair[1].clone())?;
        }
        None if indent_given => vm.set_attr(&this, &Value::str("item_separator"), Value::str(","))?,
        None => {}
    }
    if let Some(default) = args.kw("default").filter(|v| !v.is_none()) {
        vm.set_attr(&this, &Value::str("default"), default.clone())?;
    }
    Ok(Value::None)
}

fn encoder_settings(vm: &mut Vm, this: &Value) -> PyResult<Settings> {
    let mut settings = settings_from(vm, &mut |vm, name| match name {
        "separators" | "default" => Ok(None),
        _ => get_attr_opt(vm, this, name),
    })?;
    if let Some(item) = get_attr_opt(vm, this, "item_separator")? {
        settings.item_separator = vm.str_of(&item)?;
    }
    if let Some(key) = get_attr_opt(vm, this, "key_separator")? {
        settings.key_separator = vm.str_of(&key)?;
    }
    settings.default = get_attr_opt(vm, this, "default")?;
    Ok(settings)
}

fn encoder_encode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = this(vm, &args)?;
    let Some(obj) = args.positional().get(1) else {
        return Err(vm.type_error("JSONEncoder.encode() missing 1 required positional argument: 'o'"));
    };
    let settings = encoder_settings(vm, &this)?;
    Ok(Value::string(encode_with(vm, &settings, obj)?))
}

fn encoder_iterencode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let text = encoder_encode(vm, args)?;
    let list = vm.new_list(vec![text]);
    vm.get_iter(&list)
}

fn encoder_default(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(obj) = args.positional().get(1) else {
        return Err(vm.type_error("JSONEncoder.default() missing 1 required positional argument: 'o'"));
    };
    Err(encode::not_serializable(vm, obj))
}

// ----- decoding -----

/// The text of a `loads` argument: str as is; bytes decoded in the UTF flavour CPython's
/// `detect_encoding` picks.
fn document_text(vm: &mut Vm, s: &Value) -> PyResult<String> {
    if let Some(text) = receiver(s).as_str() {
        return Ok(text.to_string());
    }
    let bytes = match receiver(s).payload() {
        Some(Payload::Bytes(b)) => b.to_vec(),
        Some(Payload::ByteArray(b)) => b.borrow(vm).clone(),
        _ => {
            return Err(
                vm.type_error(format!("the JSON object must be str, bytes or bytearray, not {}", vm.type_name(s)))
            )
        }
    };
    decode_bytes(vm, &bytes)
}

fn decode_bytes(vm: &Vm, b: &[u8]) -> PyResult<String> {
    let utf32 = |b: &[u8], big: bool| -> Option<String> {
        b.chunks(4)
            .map(|c| {
                let arr: [u8; 4] = c.try_into().ok()?;
                char::from_u32(if big { u32::from_be_bytes(arr) } else { u32::from_le_bytes(arr) })
            })
            .collect()
    };
    let utf16 = |b: &[u8], big: bool| -> Option<String> {
        let units: Option<Vec<u16>> = b
            .chunks(2)
            .map(|c| {
                let arr: [u8; 2] = c.try_into().ok()?;
                Some(if big { u16::from_be_bytes(arr) } else { u16::from_le_bytes(arr) })
            })
            .collect();
        char::decode_utf16(units?).collect::<Result<String, _>>().ok()
    };
    let decoded = if b.starts_with(&[0, 0, 0xFE, 0xFF]) {
        utf32(&b[4..], true)
    } else if b.starts_with(&[0xFF, 0xFE, 0, 0]) {
        utf32(&b[4..], false)
    } else if b.starts_with(&[0xFE, 0xFF]) {
        utf16(&b[2..], true)
    } else if b.starts_with(&[0xFF, 0xFE]) {
        utf16(&b[2..], false)
    } else if b.starts_with(&[0xEF, 0xBB, 0xBF]) {
        std::str::from_utf8(&b[3..]).ok().map(String::from)
    } else if b.len() >= 4 && b[0] == 0 {
        if b[1] != 0 {
            utf16(b, true)
        } else {
            utf32(b, true)
        }
    } else if b.len() >= 4 && b[1] == 0 {
        if b[2] != 0 || b[3] != 0 {
            utf16(b, false)
        } else {
            utf32(b, false)
        }
    } else if b.len() == 2 && b[0] == 0 {
        utf16(b, true)
    } else if b.len() == 2 && b[1] == 0 {
        utf16(b, false)
    } else {
        return gilpy_interpreter::builtins::bytes::decode_bytes(vm, b, "utf-8", "strict");
    };
    decoded.ok_or_else(|| vm.new_exception_msg("UnicodeDecodeError", "JSON document is not valid UTF-16 or UTF-32"))
}

/// A hook parameter: `None`, or the default type (`float` for `parse_float`), means built in.
fn hook(vm: &Vm, v: Option<Value>, builtin: Option<gilpy_interpreter::builtins::types::TypeId>) -> Option<Value> {
    let v = v.filter(|v| !v.is_none())?;
    if let (Some(id), Some(o)) = (builtin, v.as_obj()) {
        if o.ptr_eq(vm.types().get(id)) {
            return None;
        }
    }
    Some(v)
}

fn hooks_from(vm: &mut Vm, get: &mut dyn FnMut(&mut Vm, &str) -> PyResult<Option<Value>>) -> PyResult<Hooks> {
    use gilpy_interpreter::builtins::types::TypeId;
    let strict = get(vm, "strict")?;
    let mut fetch = |vm: &mut Vm, name: &str, builtin: Option<TypeId>| -> PyResult<Option<Value>> {
        let v = get(vm, name)?;
        Ok(hook(vm, v, builtin))
    };
    Ok(Hooks {
        object_hook: fetch(vm, "object_hook", None)?,
        object_pairs_hook: fetch(vm, "object_pairs_hook", None)?,
        parse_float: fetch(vm, "parse_float", Some(TypeId::Float))?,
        parse_int: fetch(vm, "parse_int", Some(TypeId::Int))?,
        parse_constant: fetch(vm, "parse_constant", None)?,
        strict: truth(vm, strict.as_ref(), true)?,
    })
}

fn loads_impl(vm: &mut Vm, s: &Value, args: &Args<'_>) -> PyResult<Value> {
    let text = document_text(vm, s)?;
    let cls = args.kw("cls").filter(|c| !c.is_none()).cloned();
    let unknown = args.keywords().any(|(k, _)| k != "cls" && !DECODER_PARAMS.contains(&k));
    if cls.is_none() && !unknown {
        let hooks = hooks_from(vm, &mut |_, name| Ok(args.kw(name).cloned()))?;
        return decode::decode(vm, &text, &Value::string(text.clone()), &hooks);
    }
    let cls = match cls {
        Some(c) => c,
        None => util::module_attr(vm, "json", "JSONDecoder")?,
    };
    let (names, values): (Vec<Value>, Vec<Value>) =
        args.keywords().filter(|(k, _)| *k != "cls").map(|(k, v)| (Value::str(k), v.clone())).unzip();
    let decoder = vm.call(&cls, Args { items: &values, kwnames: &names })?;
    vm.call_method(&decoder, "decode", &[Value::string(text)])
}

fn json_loads(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let [s] = args.positional() else {
        let n = args.positional().len();
        return Err(if n == 0 {
            vm.type_error("loads() missing 1 required positional argument: 's'")
        } else {
            vm.type_error(format!("loads() takes 1 positional argument but {n} were given"))
        });
    };
    loads_impl(vm, s, &args)
}

fn json_load(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let [fp] = args.positional() else {
        let n = args.positional().len();
        return Err(if n == 0 {
            vm.type_error("load() missing 1 required positional argument: 'fp'")
        } else {
            vm.type_error(format!("load() takes 1 positional argument but {n} were given"))
        });
    };
    let text = vm.call_method(fp, "read", &[])?;
    loads_impl(vm, &text, &args)
}

fn decoder_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    check_init_kwargs(vm, "JSONDecoder", &args, DECODER_PARAMS)?;
    let this = this(vm, &args)?;
    for name in DECODER_PARAMS {
        let default = if *name == "strict" { Value::Bool(true) } else { Value::None };
        let v = args.kw(name).cloned().unwrap_or(default);
        vm.set_attr(&this, &Value::str(name), v)?;
    }
    Ok(Value::None)
}

fn decoder_hooks(vm: &mut Vm, this: &Value) -> PyResult<Hooks> {
    hooks_from(vm, &mut |vm, name| get_attr_opt(vm, this, name))
}

fn decoder_decode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = this(vm, &args)?;
    let Some(s) = args.positional().get(1) else {
        return Err(vm.type_error("JSONDecoder.decode() missing 1 required positional argument: 's'"));
    };
    let text = util::str_arg(vm, s, "decode() argument")?.to_string();
    let hooks = decoder_hooks(vm, &this)?;
    decode::decode(vm, &text, s, &hooks)
}

fn decoder_raw_decode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = this(vm, &args)?;
    let a = util::bind(vm, "raw_decode", &Args { items: &args.items[1..], kwnames: args.kwnames }, &["s", "idx"], 1)?;
    let s = a[0].clone().expect("required");
    let text = util::str_arg(vm, &s, "raw_decode() argument")?.to_string();
    let idx = match &a[1] {
        Some(i) => vm.to_index(i)?,
        None => 0,
    };
    let hooks = decoder_hooks(vm, &this)?;
    if idx < 0 {
        return Err(vm.value_error("idx cannot be negative"));
    }
    decode::raw_decode(vm, &text, &s, idx as usize, &hooks)
}
