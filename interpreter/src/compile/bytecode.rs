//! The bytecode: one `Instr` (u8 opcode + u32 argument) per instruction, a line
//! per instruction, and a per-instruction innermost exception handler.

/// Opcodes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum Op {
    Nop,
    PopTop,
    DupTop,
    DupTop2,
    RotTwo,
    RotThree,
    RotFour,
    PushNull,
    LoadConst,
    LoadFast,
    StoreFast,
    DeleteFast,
    LoadDeref,
    StoreDeref,
    DeleteDeref,
    LoadClosure,
    LoadClassDeref,
    LoadGlobal,
    StoreGlobal,
    DeleteGlobal,
    LoadName,
    StoreName,
    DeleteName,
    LoadAttr,
    StoreAttr,
    DeleteAttr,
    LoadMethod,
    Call,
    CallKw,
    CallEx,
    Binary,
    Inplace,
    Unary,
    Compare,
    IsOp,
    ContainsOp,
    Subscr,
    StoreSubscr,
    DeleteSubscr,
    BuildSlice,
    BuildTuple,
    BuildList,
    BuildSet,
    BuildMap,
    BuildString,
    ListAppend,
    SetAdd,
    MapAdd,
    ListExtend,
    SetUpdate,
    DictUpdate,
    ListToTuple,
    FormatValue,
    Jump,
    PopJumpIfFalse,
    PopJumpIfTrue,
    JumpIfFalseOrPop,
    JumpIfTrueOrPop,
    GetIter,
    ForIter,
    UnpackSequence,
    UnpackEx,
    Return,
    YieldValue,
    YieldFrom,
    GetYieldFromIter,
    GetAwaitable,
    MakeFunction,
    LoadBuildClass,
    Raise,
    Reraise,
    PushExcInfo,
    PopExcept,
    CheckExcMatch,
    BeforeWith,
    WithExitNormal,
    WithExcept,
    ImportName,
    ImportFrom,
    ImportStar,
    LoadAssertionError,
    SetupAnnotations,
    PrintExpr,
    MatchClass,
    MatchSequence,
    MatchMapping,
    MatchKeys,
    GetLen,
    CopyN,
    Swap,
    RotN,
    CopyDictWithoutKeys,
    GetAIter,
    GetANext,
    EndAsyncFor,
    BeforeAsyncWith,
    WithExceptStart,
    WithExceptFinish,
    AsyncGenWrap,
}

/// Binary operator numbers (arg of Binary / Inplace).
pub const BIN_NAMES: [&str; 13] = [
    "+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^", "@",
];
pub const B_ADD: u32 = 0;
pub const B_SUB: u32 = 1;
pub const B_MUL: u32 = 2;
pub const B_TRUEDIV: u32 = 3;
pub const B_FLOORDIV: u32 = 4;
pub const B_MOD: u32 = 5;
pub const B_POW: u32 = 6;
pub const B_LSHIFT: u32 = 7;
pub const B_RSHIFT: u32 = 8;
pub const B_AND: u32 = 9;
pub const B_OR: u32 = 10;
pub const B_XOR: u32 = 11;
pub const B_MATMUL: u32 = 12;

/// Unary operator numbers.
pub const U_NEG: u32 = 0;
pub const U_POS: u32 = 1;
pub const U_NOT: u32 = 2;
pub const U_INVERT: u32 = 3;

/// Comparison numbers: <, <=, ==, !=, >, >=.
pub const C_LT: u32 = 0;
pub const C_LE: u32 = 1;
pub const C_EQ: u32 = 2;
pub const C_NE: u32 = 3;
pub const C_GT: u32 = 4;
pub const C_GE: u32 = 5;

/// BuildSet flag: all items are constants. CPython folds such sets into a
/// frozenset constant, rebuilt once by the constant merger (so its table is
/// `frozenset(list(frozenset(items)))`).
pub const BUILD_SET_CONST: u32 = 1 << 30;
/// BuildSet flag (with BUILD_SET_CONST): a set display, which copies the
/// constant's table into a fresh set (`BUILD_SET 0; SET_UPDATE`).
pub const BUILD_SET_MERGE: u32 = 1 << 29;

/// Code flags.
pub const CO_VARARGS: u32 = 1;
pub const CO_VARKW: u32 = 2;
pub const CO_GENERATOR: u32 = 4;
pub const CO_COROUTINE: u32 = 8;
pub const CO_CLASSBODY: u32 = 16;
pub const CO_MODULE: u32 = 32;

/// MakeFunction flags.
pub const MF_DEFAULTS: u32 = 1;
pub const MF_KWDEFAULTS: u32 = 2;
pub const MF_CLOSURE: u32 = 4;

/// One instruction (8 bytes: the inline-cache line sits in what would be
/// padding).
#[derive(Clone, Copy, Debug)]
pub struct Instr {
    pub op: Op,
    /// The instruction's line in its code object's inline cache
    /// ([`NO_IC`] for none); see [`assign_inline_caches`].
    pub ic: u16,
    pub arg: u32,
}

/// No inline-cache line.
pub const NO_IC: u16 = u16::MAX;

impl Instr {
    /// An instruction without an inline-cache line.
    pub fn new(op: Op, arg: u32) -> Instr {
        Instr { op, ic: NO_IC, arg }
    }
}

/// Whether `op` keeps state in the inline cache (`vm::cache`).
pub fn uses_inline_cache(op: Op) -> bool {
    matches!(
        op,
        Op::LoadGlobal | Op::LoadAttr | Op::StoreAttr | Op::LoadMethod
    )
}

/// Numbers the instructions that use the inline cache 0, 1, 2, ... (the
/// cache holds a line per such instruction, not per instruction); past
/// `NO_IC - 1` of them the rest run uncached. Returns the number of lines.
pub fn assign_inline_caches(instrs: &mut [Instr]) -> usize {
    let mut n = 0usize;
    for ins in instrs.iter_mut() {
        ins.ic = NO_IC;
        if uses_inline_cache(ins.op) && n < NO_IC as usize {
            ins.ic = n as u16;
            n += 1;
        }
    }
    n
}

/// An exception handler: jump target and stack depth to unwind to.
#[derive(Clone, Copy, Debug)]
pub struct Handler {
    pub target: u32,
    pub depth: u32,
}

/// A compile-time constant.
#[derive(Clone, Debug)]
pub enum Const {
    None,
    Bool(bool),
    Int(i64),
    BigInt(String),
    Float(f64),
    Complex(f64, f64),
    Str(String),
    Bytes(Vec<u8>),
    Ellipsis,
    Tuple(Vec<Const>),
    Code(Box<CodeUnit>),
}

/// Immutable per-code metadata (no GC pointers).
#[derive(Clone, Debug, Default)]
pub struct CodeInfo {
    pub name: String,
    pub qualname: String,
    pub filename: String,
    pub firstline: u32,
    pub instrs: Vec<Instr>,
    pub lines: Vec<u32>,
    pub handler_of: Vec<u32>,
    pub handlers: Vec<Handler>,
    pub argcount: u32,
    pub posonly: u32,
    pub kwonly: u32,
    pub flags: u32,
    pub nlocals: u32,
    pub varnames: Vec<String>,
    pub cellvars: Vec<String>,
    pub freevars: Vec<String>,
    /// For each cell, the argument index it is initialised from.
    pub cell2arg: Vec<Option<u32>>,
    pub stacksize: u32,
    /// The docstring (first statement a string literal) of a function body.
    pub doc: Option<String>,
}

impl CodeInfo {
    /// Frame value slots: locals, cells, free vars, stack.
    pub fn frame_size(&self) -> usize {
        (self.nlocals as usize)
            + self.cellvars.len()
            + self.freevars.len()
            + self.stacksize as usize
    }
    /// Index of the first stack slot.
    pub fn stack_base(&self) -> usize {
        (self.nlocals as usize) + self.cellvars.len() + self.freevars.len()
    }
}

/// A compiled code unit before it becomes a GC object.
#[derive(Clone, Debug, Default)]
pub struct CodeUnit {
    pub info: CodeInfo,
    pub consts: Vec<Const>,
    pub names: Vec<String>,
}

/// Stack effect of an instruction on the fall-through path.
pub fn stack_effect(op: Op, arg: u32) -> i32 {
    use Op::*;
    match op {
        Nop | RotTwo | RotThree | RotFour | Jump | Unary | GetIter | GetYieldFromIter
        | GetAwaitable | LoadAttr | ListToTuple | SetupAnnotations | DeleteFast | DeleteDeref
        | DeleteGlobal | DeleteName | ImportStar => {
            if op == ImportStar {
                -1
            } else {
                0
            }
        }
        PopTop | StoreFast | StoreDeref | StoreGlobal | StoreName | PopJumpIfFalse
        | PopJumpIfTrue | JumpIfFalseOrPop | JumpIfTrueOrPop | Binary | Inplace | Compare
        | IsOp | ContainsOp | Subscr | ListAppend | SetAdd | ListExtend | SetUpdate
        | DictUpdate | Return | PrintExpr | DeleteAttr | Raise | Reraise | PopExcept
        | CheckExcMatch | WithExitNormal | YieldFrom | ImportName => match op {
            Raise => -(arg as i32),
            CheckExcMatch => 0,
            YieldFrom => -1,
            ImportName => -1,
            _ => -1,
        },
        DupTop | PushNull | LoadConst | LoadFast | LoadDeref | LoadClosure | LoadClassDeref
        | LoadGlobal | LoadName | LoadBuildClass | LoadAssertionError | PushExcInfo
        | ImportFrom | ForIter | BeforeWith | LoadMethod => 1,
        DupTop2 => 2,
        StoreAttr => -2,
        StoreSubscr => -3,
        DeleteSubscr => -2,
        MapAdd => -2,
        YieldValue => 0,
        Call => -(arg as i32) - 1,
        CallKw => -(arg as i32) - 2,
        CallEx => {
            if arg & 1 != 0 {
                -3
            } else {
                -2
            }
        }
        BuildSlice => 1 - arg as i32,
        BuildTuple | BuildList | BuildString => 1 - arg as i32,
        BuildSet => 1 - (arg & !(BUILD_SET_CONST | BUILD_SET_MERGE)) as i32,
        BuildMap => 1 - 2 * arg as i32,
        FormatValue => {
            if arg & 4 != 0 {
                -1
            } else {
                0
            }
        }
        UnpackSequence => arg as i32 - 1,
        UnpackEx => (arg & 0xff) as i32 + ((arg >> 8) & 0xff) as i32,
        MakeFunction => {
            -((arg & 1 != 0) as i32) - ((arg & 2 != 0) as i32) - ((arg & 4 != 0) as i32)
        }
        WithExcept => -2,
        MatchClass => -2,
        MatchSequence | MatchMapping | MatchKeys | GetLen | CopyN => 1,
        Swap | RotN | CopyDictWithoutKeys | GetAIter | AsyncGenWrap => 0,
        GetANext | BeforeAsyncWith | WithExceptStart => 1,
        EndAsyncFor => -2,
        WithExceptFinish => -3,
    }
}
