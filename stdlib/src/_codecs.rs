//! `_codecs`: `encode` and `decode` with the built-in codecs (utf-8, ascii, latin-1). Pickles of
//! bytes made with protocol 0-2 call `_codecs.encode(text, 'latin1')`.

use gilpy_interpreter::builtins::bytes::decode_bytes;
use gilpy_interpreter::builtins::str::encode_str;
use gilpy_interpreter::object::{Module, NativeFn, NativeFunction, ObjRef, Payload};
use gilpy_interpreter::{Args, PyResult, Value, Vm};

fn text_arg(vm: &Vm, v: Option<&Value>, name: &str, default: &str) -> PyResult<String> {
    match v {
        None => Ok(default.to_string()),
        Some(v) => match v.as_str() {
            Some(s) => Ok(s.to_string()),
            None => Err(vm.type_error(format!("{name}() argument must be str, not {}", vm.type_name(v)))),
        },
    }
}

fn encode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(obj) = args.get(0, "obj") else {
        return Err(vm.type_error("encode() missing required argument 'obj' (pos 1)"));
    };
    let encoding = text_arg(vm, args.get(1, "encoding"), "encode", "utf-8")?;
    let errors = text_arg(vm, args.get(2, "errors"), "encode", "strict")?;
    match obj.as_str() {
        Some(s) => Ok(Value::bytes(encode_str(vm, s, &encoding, &errors)?)),
        None => Err(vm.type_error(format!("utf_8_encode() argument 1 must be str, not {}", vm.type_name(obj)))),
    }
}

fn decode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(obj) = args.get(0, "obj") else {
        return Err(vm.type_error("decode() missing required argument 'obj' (pos 1)"));
    };
    let encoding = text_arg(vm, args.get(1, "encoding"), "decode", "utf-8")?;
    let errors = text_arg(vm, args.get(2, "errors"), "decode", "strict")?;
    let data = match obj.payload() {
        Some(Payload::Bytes(b)) => b.to_vec(),
        Some(Payload::ByteArray(b)) => b.borrow(vm).clone(),
        _ => return Err(vm.type_error(format!("a bytes-like object is required, not '{}'", vm.type_name(obj)))),
    };
    Ok(Value::string(decode_bytes(vm, &data, &encoding, &errors)?))
}

const FUNCTIONS: &[(&str, NativeFn)] = &[("encode", encode), ("decode", decode)];

pub fn init(vm: &mut Vm) -> PyResult<ObjRef> {
    let dict = vm.new_dict();
    vm.dict_set_str_value(&dict, Value::str("__name__"), Value::str("_codecs"));
    vm.dict_set_str_value(&dict, Value::str("__doc__"), Value::None);
    for (name, func) in FUNCTIONS {
        let f = NativeFunction { name, func: *func, bound: None, owner: None };
        vm.dict_set_str_value(&dict, Value::str(name), Value::Obj(ObjRef::new(Payload::NativeFunction(f))));
    }
    Ok(ObjRef::new(Payload::Module(Module { name: Value::str("_codecs"), dict })))
}
