//! The Rust API of `pickle` (what multiprocessing uses for its wire format): values built in
//! Rust pickle to CPython's exact bytes, load back, and bad input gives Python exceptions.

use gilpy_interpreter::{Interpreter, Value, Vm};
use num_bigint::BigInt;

fn interpreter() -> Interpreter {
    gilpy_stdlib::install(Interpreter::builder()).build()
}

fn hex(data: &[u8]) -> String {
    data.iter().map(|b| format!("{b:02x}")).collect()
}

/// `[1, 'a', (2.5, None), {'k': b'v'}, 2**70]`
fn sample(vm: &mut Vm) -> Value {
    let dict = vm.new_dict();
    vm.dict_set(&dict, Value::str("k"), Value::bytes(b"v".to_vec())).unwrap();
    let big = Value::int_from_big(BigInt::from(1u8) << 70);
    vm.new_list(vec![
        Value::Int(1),
        Value::str("a"),
        Value::tuple(vec![Value::Float(2.5), Value::None]),
        Value::Obj(dict),
        big,
    ])
}

// `pickle.dumps(sample, protocol).hex()` as CPython 3.11 writes it.
const CPYTHON_PROTOCOL_4: &str =
    "8004952d000000000000005d94284b018c0161944740040000000000004e86947d948c016b9443017694738a09000000000000000040652e";
const CPYTHON_PROTOCOL_2: &str = "80025d7100284b0158010000006171014740040000000000004e8671027d710358010000006b7104635f636f646563730a656e636f64650a7105580100000076710658060000006c6174696e317107867108527109738a09000000000000000040652e";

#[test]
fn dumps_writes_cpythons_bytes() {
    interpreter().with_vm(|vm| {
        let value = sample(vm);
        let default = gilpy_stdlib::pickle::dumps(vm, &value, None).unwrap();
        assert_eq!(hex(&default), CPYTHON_PROTOCOL_4);
        let p2 = gilpy_stdlib::pickle::dumps(vm, &value, Some(2)).unwrap();
        assert_eq!(hex(&p2), CPYTHON_PROTOCOL_2);
    });
}

#[test]
fn loads_round_trips() {
    interpreter().with_vm(|vm| {
        let value = sample(vm);
        for protocol in 2..=5 {
            let data = gilpy_stdlib::pickle::dumps(vm, &value, Some(protocol)).unwrap();
            let back = gilpy_stdlib::pickle::loads(vm, &data).unwrap();
            assert!(vm.eq(&back, &value).unwrap(), "protocol {protocol}");
        }
    });
}

#[test]
fn bad_input_raises_python_exceptions() {
    interpreter().with_vm(|vm| {
        let cases: [(&[u8], &str); 4] = [
            (b"", "EOFError"),
            (b"\x80\x04\x95", "UnpicklingError"),
            (b"\xff", "UnpicklingError"),
            (b"\x80\x09N.", "ValueError"),
        ];
        for (data, expected) in cases {
            let err = gilpy_stdlib::pickle::loads(vm, data).unwrap_err();
            let class = vm.class_of(&err.value());
            let name = gilpy_interpreter::vm::attr::class_name(vm, &class);
            assert_eq!(name, expected, "{data:?}");
        }
        let err = gilpy_stdlib::pickle::dumps(vm, &Value::Int(1), Some(6)).unwrap_err();
        assert!(vm.err_matches(&err, "ValueError"));
    });
}
