//! What the method JIT can compile, and the shape of a function's bytecode:
//! the value-stack depth before every reachable instruction and the
//! instructions that start a basic block.

use crate::compile::bytecode::*;

/// The result of analysing one code object.
#[derive(Debug, Clone)]
pub struct Shape {
    /// Stack depth before each instruction (`None`: unreachable).
    pub depth: Vec<Option<u32>>,
    /// Instructions that start a basic block (jump targets, fall-through
    /// after a jump, the entry).
    pub block_start: Vec<bool>,
    /// Where compiled code may be entered: pc 0 and every backward-jump
    /// target (a loop header, for entry from the interpreter mid-function).
    pub entries: Vec<u32>,
}

/// The opcodes the first tier translates.
pub fn supported(op: Op) -> bool {
    use Op::*;
    matches!(
        op,
        Nop | PopTop
            | DupTop
            | RotTwo
            | RotThree
            | PushNull
            | LoadConst
            | LoadFast
            | StoreFast
            | LoadGlobal
            | LoadAttr
            | StoreAttr
            | LoadMethod
            | Call
            | CallKw
            | Binary
            | Inplace
            | Unary
            | Compare
            | IsOp
            | ContainsOp
            | Subscr
            | StoreSubscr
            | BuildTuple
            | BuildList
            | Jump
            | PopJumpIfFalse
            | PopJumpIfTrue
            | JumpIfFalseOrPop
            | JumpIfTrueOrPop
            | GetIter
            | ForIter
            | UnpackSequence
            | Return
            | ListAppend
            | SetAdd
            | MapAdd
            | ListExtend
            | SetUpdate
            | DictUpdate
            | ListToTuple
            | BuildMap
            | BuildSlice
            | BuildString
            | FormatValue
            | LoadDeref
            | StoreDeref
            | LoadClosure
            | MakeFunction
            | StoreGlobal
            | DeleteFast
            | LoadAssertionError
            | Raise
    )
}

fn is_jump(op: Op) -> bool {
    use Op::*;
    matches!(
        op,
        Jump | PopJumpIfFalse | PopJumpIfTrue | JumpIfFalseOrPop | JumpIfTrueOrPop | ForIter
    )
}

/// Stack depth at the jump target of a branching instruction entered with
/// depth `d`.
fn target_depth(op: Op, d: u32) -> u32 {
    match op {
        Op::PopJumpIfFalse | Op::PopJumpIfTrue | Op::ForIter => d - 1,
        _ => d,
    }
}

/// Why `code` cannot be compiled, or its shape.
pub fn analyze(code: &CodeInfo) -> Result<Shape, String> {
    if code.flags & (CO_GENERATOR | CO_COROUTINE) != 0 {
        return Err("generator or coroutine".into());
    }
    if code.flags & (CO_MODULE | CO_CLASSBODY) != 0 {
        return Err("module or class body".into());
    }
    if !code.handlers.is_empty() {
        return Err("exception handlers (try/with)".into());
    }
    let n = code.instrs.len();
    for (pc, ins) in code.instrs.iter().enumerate() {
        if !supported(ins.op) {
            let line = code.lines.get(pc).copied().unwrap_or(0);
            return Err(format!("unsupported {:?} at line {line}", ins.op));
        }
        if is_jump(ins.op) && ins.arg as usize >= n {
            return Err(format!("jump out of range at {pc}"));
        }
    }
    let mut depth: Vec<Option<u32>> = vec![None; n];
    let mut block_start = vec![false; n];
    let mut work = vec![(0usize, 0u32)];
    if n > 0 {
        block_start[0] = true;
    }
    let max = code.stacksize;
    while let Some((pc, d)) = work.pop() {
        if pc >= n {
            return Err("falls off the end".into());
        }
        match depth[pc] {
            Some(old) if old == d => continue,
            Some(old) => return Err(format!("stack depth {old} and {d} at {pc}")),
            None => depth[pc] = Some(d),
        }
        let ins = code.instrs[pc];
        let after = d as i64 + stack_effect(ins.op, ins.arg) as i64;
        if after < 0 || after > max as i64 || d > max {
            return Err(format!("stack depth out of range at {pc}"));
        }
        if is_jump(ins.op) {
            let t = ins.arg as usize;
            block_start[t] = true;
            work.push((t, target_depth(ins.op, d)));
            // FOR_ITER's fall-through continues the loop body in the same
            // straight-line code (it is no block start of its own).
            if pc + 1 < n && ins.op != Op::ForIter {
                block_start[pc + 1] = true;
            }
        }
        match ins.op {
            Op::Jump | Op::Return | Op::Raise => {}
            _ => work.push((pc + 1, after as u32)),
        }
    }
    let mut entries = vec![0u32];
    for (pc, ins) in code.instrs.iter().enumerate() {
        if is_jump(ins.op) && (ins.arg as usize) <= pc && !entries.contains(&ins.arg) {
            entries.push(ins.arg);
        }
    }
    Ok(Shape {
        depth,
        block_start,
        entries,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(instrs: &[(Op, u32)]) -> CodeInfo {
        CodeInfo {
            instrs: instrs
                .iter()
                .map(|&(op, arg)| Instr::new(op, arg))
                .collect(),
            lines: vec![1; instrs.len()],
            handler_of: vec![u32::MAX; instrs.len()],
            stacksize: 4,
            nlocals: 1,
            ..CodeInfo::default()
        }
    }

    #[test]
    fn loop_shape() {
        // while x: x = x - 1   /  return x
        let c = code(&[
            (Op::LoadFast, 0),
            (Op::PopJumpIfFalse, 7),
            (Op::LoadFast, 0),
            (Op::LoadConst, 0),
            (Op::Binary, B_SUB),
            (Op::StoreFast, 0),
            (Op::Jump, 0),
            (Op::LoadFast, 0),
            (Op::Return, 0),
        ]);
        let s = analyze(&c).expect("compilable");
        assert_eq!(s.depth[4], Some(2));
        assert_eq!(s.depth[7], Some(0));
        assert!(s.block_start[0] && s.block_start[2] && s.block_start[7]);
        assert!(!s.block_start[3]);
        assert_eq!(s.entries, vec![0]);
    }

    #[test]
    fn rejects() {
        let c = code(&[(Op::YieldValue, 0), (Op::Return, 0)]);
        assert!(analyze(&c).unwrap_err().contains("YieldValue"));
        let mut g = code(&[(Op::LoadFast, 0), (Op::Return, 0)]);
        g.flags = CO_GENERATOR;
        assert!(analyze(&g).unwrap_err().contains("generator"));
    }
}
