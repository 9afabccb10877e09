//! The `time` module (its clock functions; the rest is in `time_extra`).

use crate::object::value::Value;
use crate::vm::{PyResult, Vm};

pub fn init_time(vm: &mut Vm, d: Value) -> PyResult<()> {
    fn now() -> f64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs_f64())
            .unwrap_or(0.0)
    }
    vm.scope(|vm, s| {
        let h = s.root_value(vm, d);
        vm.add_native_fn(d, "time", |vm, _s, _args| Ok(vm.new_float(now())));
        for name in ["perf_counter", "monotonic", "process_time"] {
            let d = h.get(vm).value();
            vm.add_native_fn(d, name, |vm, _s, _args| {
                let t = vm.start.elapsed().as_secs_f64();
                Ok(vm.new_float(t))
            });
        }
        let d = h.get(vm).value();
        vm.add_native_fn(d, "perf_counter_ns", |vm, _s, _args| {
            let t = vm.start.elapsed().as_nanos() as i64;
            Ok(vm.new_int(t))
        });
        let d = h.get(vm).value();
        vm.add_native_fn(d, "time_ns", |vm, _s, _args| {
            Ok(vm.new_int((now() * 1e9) as i64))
        });
        let d = h.get(vm).value();
        vm.add_native_fn(d, "sleep", |vm, _s, args| {
            let s = vm.to_f64(args.v(vm, 0))?;
            std::thread::sleep(std::time::Duration::from_secs_f64(s.max(0.0)));
            Ok(Value::NONE)
        });
        let d = h.get(vm).value();
        crate::modules::time_extra::init(vm, d)
    })
}
