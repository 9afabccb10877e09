//! Tests for `pymath`.  Inputs are regenerated here with the same
//! Mersenne Twister stream CPython used (`random.Random(seed)`), so only
//! CPython's outputs (float bits) are stored.

use super::*;
use crate::support::random::PyRandom;

fn rng(seed: i64) -> PyRandom {
    PyRandom::from_seed(&BigInt::from(seed))
}

/// `randint(a, b)` as random.py computes it.
fn randint(r: &mut PyRandom, a: i64, b: i64) -> i64 {
    a + r.randbelow_u64((b - a + 1) as u64) as i64
}

/// math.hypot(*v) for v = [(random()*2-1) * 2.0**randint(-40, 40) for _ in range(randint(1, 8))], seed 7.
#[rustfmt::skip]
const HYPOT: &[u64] = &[
    0x40dd9d23cd9a01a3, 0x426ca30411c93182, 0x3e4d032e76f125b0, 0x41f9680ff262079d, 0x42307a70c1e840b0,
    0x413d5fadc1f34f84, 0x3fdd108514621a5a, 0x41f0eebadf0f7b31, 0x412c833923fc27c1, 0x403c33960bb18d4c,
    0x413c653923bf3fac, 0x413bf8494d2cd114, 0x421f3a5bdc1ecbde, 0x41a6ad3ceca5ff62, 0x41a67e12def8b082,
    0x40ef04cb44f81088, 0x41483189a64114a6, 0x41aa66c9543f5d83, 0x4130aff362a90920, 0x423176edd43a88b9,
    0x4122913ae23c3fc8, 0x42339b523a75ccd5, 0x425879ed4f579457, 0x408a72b11023dac4, 0x420c988df5359154,
    0x3ec0f1e9c362c826, 0x40aecd2279c82e67, 0x42097403782169ed, 0x4164fa590001df84, 0x4176463785152bb8,
    0x423f275f5860489a, 0x40edcaee1281c72a, 0x40b5eb0508a7f2e0, 0x3fc2634a52a50fb5, 0x412a0e1704887233,
    0x4170cb7d2e3623ab, 0x3f38c710f830f0aa, 0x3ed9fa3e7e3ba854, 0x41fad3dff4135fd4, 0x3ecc47afbf2e38e3,
    0x3fe7aaff40460da5, 0x4180784b64e14d54, 0x415ae29038de7774, 0x416ed1faa222a6c2, 0x41a40880588f85b1,
    0x426f1671a76f28e2, 0x40f5eafbf5327317, 0x41ce3f7487e11a3a, 0x4216cae9dccdcd18, 0x42142a75a7206799,
    0x425671b7d86183d4, 0x41d57e18339c70ae, 0x42505aac304d2be0, 0x415fc728deeb89fc, 0x411f74031bc9e28c,
    0x42411609c85fc5d5, 0x3fb58876dbf021a5, 0x41cf95149257dbc7, 0x41351718e6a4f573, 0x424a762d5a3f37b8,
    0x41520fc804f6c7a9, 0x40ad145834e9ed2a, 0x41fb6af233840295, 0x3fc1c73de0bf4547, 0x426897d2cd8b8a08,
    0x40abbde575dbdb9c, 0x41c9827a21781f0b, 0x41a2acc75e9ea066, 0x41deee23a30cde2e, 0x417dfe563550cf22,
    0x4167f1b44fd60df8, 0x419b8d1ed6fac729, 0x3e6fe99e6a6c2716, 0x426d98888906137b, 0x41c905edf8c5ef00,
    0x3fcf94c359698cda, 0x403bb054062327e7, 0x40bf123b3c5ac3f8, 0x4164a2b3b65edb2a, 0x425906030862742a,
    0x42225f0ad7cf9bc0, 0x40f437a064de7dfb, 0x3ecb0a6e6a7ba7cd, 0x40bad8f5cbbb6075, 0x4260208e10899891,
    0x424d4ac957a14e30, 0x4219ee9aaffcbba7, 0x4161b3045bb14dd5, 0x41f4147cab1f3be9, 0x3f7f38858374a500,
    0x40d43564d00c7da0, 0x41da6558bb87971c, 0x420896349f42b320, 0x41297362b7f6ccda, 0x41e9b9edff2287d8,
    0x424198335989d180, 0x4037555b3f1200c5, 0x4152fb5df7bf8e74, 0x409c803066ea5199, 0x4072bf40d7d59452,
    0x3e80da9ce325d7a0, 0x425a4d5073a39f40, 0x3fa6a9ca4d60c01c, 0x425aa497e0ccebf9, 0x422efd56ab0e0072,
    0x41dd5ea228edd97e, 0x3fe57da14d6948dc, 0x4239a064f6563051, 0x40bd398d0093151b, 0x4125f80123c731cb,
    0x4171c4ca25c35dab, 0x416c86ec61fbc88e, 0x4246da3c9887f296, 0x41439a4caef2728a, 0x4245d6c10d68cbd9,
    0x412f77a3a7f6ea58, 0x4198a28cf1daa23c, 0x403172e3edbb8d34, 0x41dc526046446412, 0x42414e17d1deef20,
    0x40718967eb375df5, 0x411170d89f2c956e, 0x3f87c324ad634be2, 0x422925a024a2433e, 0x3d9c0feab3bf6e90,
    0x41cf35a84cb38281, 0x413f9eb37f1d64cc, 0x40bff598c4fa68c0, 0x4177c62e7f57a13a, 0x416a8875e0f5ab1b,
    0x426a1599ccc6b85d, 0x415c873216049d75, 0x3ea94b6f51aecd88, 0x3e7e063a67aab3b4, 0x3da9378c9115d27c,
    0x41a33e781175a31a, 0x40784d3e7ef13d46, 0x4264cdc99602f2bd, 0x400a4f278aef4fc8, 0x423a42ea22910e5e,
    0x3f84033b98699304, 0x414fb889d537b2b6, 0x421de5e313f4e73a, 0x417d42df86a7998c, 0x42625d1f3183e5d6,
    0x424f782647451fae, 0x3fe364d436b1d80c, 0x40f9d11c0cb6cc05, 0x4249683223ec9b04, 0x422c9080d53999ac,
    0x3fcef71dc92fda80, 0x40b9dd8e922cf547, 0x4236ece3db04ecef, 0x4210fafb324d0ee9, 0x3fb79ae93761ce55,
    0x425b4883cb66f47a, 0x41bd8f0636dbc0f2, 0x423d535c7fc061ed, 0x418ee88266771652, 0x419f94e1add2025c,
    0x4121e9021cdaef41, 0x4136ffbcc853c35b, 0x41ea8ac609607608, 0x3df29376f062c728, 0x40f41ea14db3b565,
    0x421c099647d28f17, 0x40af88d98a100f6b, 0x41b067998e8784b1, 0x40f5c45649d455eb, 0x40bdd4cee929671d,
    0x41a3e3b8c1716643, 0x415e6653c1a0fc0b, 0x41b27f6dea84d4fa, 0x424e0104792343f3, 0x3e60c8e3e2604af0,
    0x41eeb1e5848dfa3c, 0x421709051631bd47, 0x41dcbe30547dd336, 0x3e712b0d139d99fc, 0x41ca7a47b9540a7c,
    0x425c2a2a974c0802, 0x41e0f39e05c486d4, 0x422c2ce9d6ced817, 0x4225dc3548c3f699, 0x41fc475dbe8dda88,
    0x4181b18fe298b55f, 0x4102aaa393146d48, 0x4002828235ab7631, 0x41d1934e46ccd314, 0x416ce7e85acd6727,
    0x422c1d5f258eaba9, 0x42311c1d8fd5bccf, 0x41df1446dd2a0245, 0x3f652d502edc4e74, 0x4132542a1292566c,
    0x401dfa2ad689d780, 0x3f2b5f31f970424f, 0x405bc6467cf300a6, 0x4265f379dca40925, 0x409de6b5c94ecb70,
    0x4178b4369dd012e9, 0x3f00c4a1fe5212f0, 0x40de2d1186169d46, 0x413da3d00c59bbf0, 0x41f209b556afdb15,
    0x4257b3e3c886a9b5, 0x41e01b3477b5a8da, 0x405589694a61c6f4, 0x40e2697387aece18, 0x3ff4421f1f42d12c,
    0x41713a60a53fbf97, 0x3fd541726f86b88b, 0x422ede35e14d7481, 0x41581ff66447ff2a, 0x41f693f052a6590c,
    0x4218e6ed9a81d1f3, 0x41815a4b15aca1c6, 0x4260add663f399f7, 0x3f4f0ac003375490, 0x4094cad581bfd900,
    0x41807ce9c4042e51, 0x41fa98ff6a44dc6b, 0x4245be6b23a214de, 0x41d78b32580e3012, 0x403f3f6b844c7929,
    0x40a1674ef4c1eb55, 0x425d9bce9539bf83, 0x41a6eedb677f9230, 0x4181574668f77d00, 0x40ded500e4bf084c,
    0x41eabfa3ef3651e7, 0x4040865a43a8666d, 0x423e03469ec3ddd1, 0x4141ddf6be1d96b9, 0x40083f9a95a3a590,
    0x42111d141b50d079, 0x4178259e05c5ab61, 0x4220ba0c9144e364, 0x41e17d4977fed468, 0x41a7e9395e5851a6,
    0x418515f1106ad4d2, 0x426e5781e336e09e, 0x423116826c826104, 0x41f66375013befe8, 0x4148050ae83f1002,
    0x41a8a5b3bd51e3f7, 0x404b9839e192c32b, 0x3ff0e38f6dd9b6b1, 0x41b36fe1daf01867, 0x41ef83e691664d4a,
    0x40f1b8f8a3316e0c, 0x415889958c899890, 0x41ee2980fabd6565, 0x409bafb582d8997c, 0x4263fbbc622fa668,
    0x422d5388f165a350, 0x4218680b7eb85500, 0x41e61bc9f3010578, 0x4209ab24c857fb4a, 0x3e4e581eb9f4a5e8,
    0x3f02a6e9da8c64ac, 0x424fe106fdfb01e9, 0x425e8ad9b18e50ec, 0x409232c3aa71c667, 0x41473845aee856e9,
    0x40ef9faa3c98428d, 0x40f943e43adc5ab6, 0x414f354efd1dbc60, 0x410677be98e0fbc8, 0x414f4ed224407cf8,
    0x41eebbdee5e977c4, 0x41b3dac23283a2ef, 0x4180e90d9d2285ab, 0x401f29b813428563, 0x4269230b5b770d26,
    0x415c79caa9bb45e6, 0x423fb8758a6587f0, 0x424df35d136e884a, 0x41d79611b53c0868, 0x423e5c106335ffe4,
    0x413cfad80770e39d, 0x40f1c32e86bf238a, 0x41aeb2ad1ec02160, 0x3f64113920fe26b6, 0x41f5dbb3e8eef1f2,
    0x40547c858addd3e1, 0x4241f84eb115705a, 0x401aab48cb449f3a, 0x423d373c03c600d9, 0x4205a473ffe8ec24,
    0x421586fa26f78037, 0x425b8e5a29734471, 0x4219370ac90c2046, 0x4204c88347eb0c10, 0x41e25345a6e58954,
    0x40c7d51e41980d38, 0x416ea8fce5cd70fc, 0x4125fc04b216417c, 0x4108e18836f7c27a, 0x41efeb82470feadf,
];

/// math.fsum(v) for v = [(random()-0.5) * 2.0**randint(-60, 60) for _ in range(randint(0, 30))]
/// (plus the negated first half every third list), seed 8.
#[rustfmt::skip]
const FSUM: &[u64] = &[
    0xc1329940f83d73b2, 0xc327d79f7ab44c66, 0xc300e47e609e15d8, 0xc3862a7e6987551c, 0x4307a438cb6eec7b,
    0x434b5e4af1a7bfe8, 0xc380bc4b03176e00, 0x4373e271f56f64dc, 0x4360137c8c8ff8c7, 0xc34bc55336b0f871,
    0xc335f2551df444f3, 0xc305f3c61d7e8409, 0x435146c4e43864ec, 0xc3808ec765c37592, 0x43638e0063ae3d60,
    0xc2be9e055dc952ce, 0xc30f8ff12010ac23, 0xc363144a3d3dee9c, 0xc02e526f573721b9, 0x438f6a0838968f6f,
    0xc350b3261dae3f58, 0x43019fb9a6f288d4, 0x438399b8b625c659, 0x431fcb040926c94a, 0x434437c9255346c1,
    0xc36b7deb9e43f867, 0x43562eb92ccce5a3, 0x4367b8f2cd20cff0, 0x4342d071c6fcf2d0, 0x436de1f63c4bf3d8,
    0x4356ed614c97e65e, 0xc29126845521b5c6, 0xc1e5dcdfe9c2cf6c, 0xc37ccd494757867d, 0xc356c8a32ac44cde,
    0xc35913e503c521cc, 0x4311a3620ad663d9, 0xc1eefef917bc7ff4, 0x438923cd4e8aaf9f, 0x3d4cc1b05b5ab106,
    0x4384338aaa1f8c08, 0x43616081786461ca, 0x43815f588edf9c27, 0xc33b9082bf800f30, 0xc345c989dbfa76ce,
    0xc2d210cbb34f13a7, 0x42d3b69bdf4c118a, 0xc3614c9c75c6eaeb, 0xc2fa8dce693e1180, 0x4349eae2db913ebc,
    0x42846f30114c0b74, 0x4342e85d0d4b64cf, 0x4396ea09737923df, 0xc376ff972b4397f3, 0xc27ff328448aafe2,
    0x4353395e819d7f63, 0xc2ce1da50ab32597, 0xc26afb88929da73f, 0x432b1c8979307354, 0xc19cb0fa756a604a,
    0x432a5230a8eea703, 0x439180086b93f325, 0xc2ce21216beb9ee0, 0xbfafd1a747b71806, 0xbe725aae566b3ea3,
    0x431d189408415945, 0x426424f5984e0fe6, 0x42da63b137d55916, 0xc3484aad26191c1e, 0x42dab39d3f546cb7,
    0xc079699ed0cbc560, 0xc34e08746402584e, 0xc31204290746ed46, 0x43540b386ad2898b, 0xc2fed69591ef94eb,
    0xc2611b7486fdb68c, 0xc35c1842d2ec7e7d, 0xc296da13c5f59228, 0xc2e15a43898b4fba, 0x41b3bdc92bc6d1cf,
    0xc353935c608592d2, 0xc341056a7b46476f, 0xc383cc94ff00ae86, 0x40ef2a36377c6e41, 0xc352d2378a7ff4ac,
    0xc3259c565571839f, 0xc366440b5f064352, 0xc1fb6ac47dd5cf55, 0x43847ac6bf1046be, 0x0000000000000000,
    0x438655075f5ea367, 0x4318764c439ac9f9, 0x432a7ef67da37c0a, 0x435978465a5796e2, 0x4380c19a96782990,
    0x42861526c57c2178, 0x42908b70c7769404, 0xc2e80e843d5c0e26, 0x42b3c540fb587f20, 0xc34c5b1f92942334,
    0x428787108d08bf80, 0xc2a599e90142acba, 0x4142d276431f675d, 0xc340d193b39e8711, 0xc3049d2e8e1bc2b5,
    0x43257dbf32d6adee, 0x4396547fb065fb29, 0xc1aaa9bd8630b8f1, 0xc17719ffe9afa093, 0xc302e1cb8f73c210,
    0x435aa5d726fa2cc8, 0x430f31312b434d2c, 0xc34107904c74a173, 0x4344cfaaf9a6f003, 0x42efc34138185bb1,
    0xc3156251274a4bc2, 0xc2aa9b25ba75292d, 0x41ffb0c3873b80da, 0x42cf96f90f29a981, 0x42506edb8ad69150,
    0xc24c53b9b1bd08e9, 0xc292d96480eba789, 0xc32ad996fe13dd40, 0x3f1a7bc360d1c16c, 0x4385471a3cdc1789,
    0x432fc8a7a8a7aa14, 0x432104e636dc6853, 0xc355d4b0a050bb89, 0x424412eb21dc4e91, 0xc3290a8ff70679b9,
    0x0000000000000000, 0x4355c71a7d207e9d, 0x41fe57f88e4a86b4, 0x43509d2e935f26b0, 0x0000000000000000,
    0xc2f3b06ff6391bef, 0xc327eee74904844f, 0x0000000000000000, 0x41e80ba1f9fa1728, 0x42674cdc14e82b1b,
    0xc3123a76d78f3dc5, 0x422dd3d589c449c8, 0x43835c6c7f36b8f7, 0x438b912c25e322e0, 0xc37cdd17a19fdc7c,
    0x4323e0b110b29add, 0xc38a591680534017, 0x435929cf03ec169a, 0x439852880c49bb0f, 0x437d72fb32b77a50,
    0xc344f1742810b2e8, 0xc3740f13e2b3065e, 0x4303c9d93f5d8982, 0xc333b35baaba6383, 0xc36e1c0da18559b4,
    0xc2e29f2c1914c5ee, 0x4333308539e61f31, 0xc372ccfc8c08e002, 0x43539a7e349811ec, 0xc31b3c8302c2b19c,
    0x406794f3b56a7e2a, 0x43827ebb87f1a5ec, 0x4075c6cd010a08fc, 0x0000000000000000, 0xc2445693c18a20ae,
    0x4277be271da66c61, 0x41fa03d173b615d7, 0xc2dbb3141b0e1ea7, 0xc309ff1b7f0323a4, 0x42ffe960432eb436,
    0x0000000000000000, 0xc31e6710a4ad491b, 0x4332ad99c6132f41, 0x4348736f72b61021, 0x43844bb0c1b70c0e,
    0x42fc51414e9a3dcd, 0xc22ecdc649de0454, 0xc24b5c2be74b1110, 0x4387a1b3543917b0, 0x435f7467e17a8146,
    0xc30c1728d29da5f7, 0x41a3499360f103dc, 0xc30cccd5da6bf869, 0xc349f878fc2b72c4, 0xc2a007d0f756199c,
    0xc21b108e82bab22d, 0xc1ca1a13db14a778, 0x4343a70079713571, 0xc370dfe515f389c5, 0xc36d8f1c4b3aa0c5,
    0x434167f08ae0ce35, 0x43706df381c789c9, 0x42a06bd040dcac91, 0x43431b02863bfa45, 0x430d674070c66004,
    0xc1bcdc7ea2e1e3f6, 0x420314789f885f58, 0x4388f4a1865b482b, 0x0000000000000000, 0xc39d5fa80eb2fb88,
    0x43709061fdbf875c, 0xc37dfdcf088acf78, 0x43390fb7395b2abc, 0xc31cf789c07886f8, 0xc37a3eb4a2c05e67,
    0xc177f5d70d4b2f09, 0xc37cb9fcc4d2e7a9, 0xc29d257ba32e5616, 0xc3377248bf806d27, 0x42c532756d1ae8ca,
    0x4368cabb02a82bf1, 0x43751ca3fbddd159, 0xc39efb786f674423, 0x4314ef45c95ed8bb, 0x42764af6527ad7c9,
    0xc33b9ccfef9f5f91, 0x417489e1c5a5a838, 0x42bbada37ae07e75, 0xc34b317bd9a89e74, 0xc376b03948b27b94,
    0xc3747ae11a952b1f, 0xc36bf880689c144e, 0xc2f0be7f525cb3f2, 0x42e1ae735ac473be, 0xc343e0e4b221ebc2,
    0x402f54a9ee66888a, 0x43626a041d50726b, 0xc371b35f67781efa, 0xc0098e653c20c8b9, 0x43411a13db2abc89,
    0x42faf76fec7b55d3, 0x40efe52934c3f175, 0xc3079a32c1456845, 0x436a66a538e77c94, 0x4213a0d39f80a5e4,
    0x437f94de7da7da25, 0xc2fbb9db43ca315e, 0x40b1407b56acbaf6, 0x4399bacf8842a4f5, 0x42c8172d704a4388,
    0x4323683c61173298, 0x43533bb9dfc49ff2, 0x4398b704cb3b8ae4, 0x4276e2ab455e52c6, 0xc2dbef773f2c55e9,
    0x42a01494a9340d4a, 0x4383be60f4c4f828, 0x4264dd45afdc6bf2, 0x4344c37612dcd617, 0x404e2b7e61483ce1,
    0x43788c12e07c468b, 0xc37a6a427e360afc, 0xc2b7d35f9adbfc3b, 0x43168d2740ee3237, 0x41c4844917e7eb8c,
    0xc34ac7a2c21881b0, 0xc39861961a639368, 0x4341ebfa58e9bd76, 0x43657f61c7d8c2e6, 0x4336f0a2ebebbb18,
    0xc31b5728eafd66aa, 0xc2e0dbe79a591fc8, 0x42daebfbec86b5df, 0xbf94f89f033c9aec, 0x41c5ff966019a3f8,
    0xc385f05a8a792d41, 0xc2a0d3cea84a6b2b, 0x41b11601a3c98bd4, 0x43890390e89ad5dc, 0x42f18a44ddfd315a,
    0x431ce555a87f2ffb, 0x4391f72b6124f809, 0xc257558b238ad3cd, 0xc32a9a138bcaa4e5, 0xc2026a7078f6353c,
    0x431b585180cdfab8, 0xc2e61a82e6637ab6, 0xc2cbf697e15cfcd8, 0xc2d6a1dabd356932, 0xc36123542613bce3,
    0xc3533d96ff048a2e, 0x410368033828f562, 0xc36d649f774d6176, 0xc366abcff068738c, 0x4370511523c7ee72,
    0xc351a7e80296717a, 0xc23e1e76bcefbfe7, 0xc19db61e240e3d78, 0xc257d5e126085175, 0x432729131d65faa0,
    0x42fccfb0963596bb, 0x0000000000000000, 0x432b35685daaafeb, 0x0000000000000000, 0xc31148df10180158,
    0x436b1837d13cd7f7, 0xc2666c5334273335, 0xc189ad1d0451e2d2, 0xc388644d1d484889, 0x43615c28995dd63a,
];

/// (log, log2, log10) of getrandbits(randint(1, 3000)) | 1, seed 9.
#[rustfmt::skip]
const LOGS: &[(u64, u64, u64)] = &[
    (0x409486521f045942, 0x409d9c61ee331712, 0x4081d3d854fd2e6f),
    (0x4082746d182be748, 0x408a9fe7fb4411ff, 0x407007959c2c8c84),
    (0x4075606f02de0383, 0x407ed70d88ea641a, 0x4062914ba3717ac4),
    (0x40996946304012b3, 0x40a254903aa84590, 0x40861268cb69e8ad),
    (0x408d295ddb832a84, 0x4095091fab58cae0, 0x40795455c6e68f2a),
    (0x409057f946df61b8, 0x40979432bac813f3, 0x407c644e8c33a9fa),
    (0x409298c9b900cc25, 0x409ad45d7e4a27b4, 0x4080272afb588759),
    (0x409cd829de78d47a, 0x40a4ce8c4e2f3a51, 0x40890dcd8f431b90),
    (0x408d94f4528dbef1, 0x409556bb5bb081d3, 0x4079b1c8dbac1e98),
    (0x4090652b711197d1, 0x4097a73c6429af6b, 0x407c7b3b0562d8a1),
    (0x408ad725d8f4c7c0, 0x40935c7c46fdd804, 0x4077503403de23be),
    (0x4052fb8c12ad964d, 0x405b62d836f7226e, 0x40407cf2f3c78251),
    (0x409d3a5248269ae6, 0x40a5155a9fa97a78, 0x4089630fd2585965),
    (0x409b287897bfd7a8, 0x40a39725d3ddb3c5, 0x408796d6f28f9fd9),
    (0x40659a8049171092, 0x406f2ad397a46453, 0x4052c3bb739fdf89),
    (0x40a01df1cd68fd0c, 0x40a7407acf6e5fdd, 0x408bff7ff200a55d),
    (0x409d832f5546e8d8, 0x40a549e9f4ba2195, 0x4089a259a7f8b42c),
    (0x4099659c7915a953, 0x40a251ebcf7572f2, 0x40860f3a4e2566d7),
    (0x4099e5f224b4b4fb, 0x40a2ae7eb95c3561, 0x40867eb2a40a7180),
    (0x40953305ede84ad3, 0x409e958a163c3846, 0x408269da387b436c),
    (0x409f04a5afb26f4a, 0x40a65ff757640315, 0x408af12895aebd77),
    (0x407ae58110df9384, 0x408366d76313140d, 0x40675cac44ef1565),
    (0x408d6c5c4b4906ef, 0x409539731820b14e, 0x40798e8674f8d65a),
    (0x4091f1d7b06c040c, 0x4099e3838b5760df, 0x407f2c526527c7e5),
    (0x40954d58246665a0, 0x409ebb8345ec44ac, 0x408280b6f53cc16a),
    (0x409d738c35c6029a, 0x40a53ea25025717e, 0x408994c4966ec10e),
    (0x409db9eb996d0384, 0x40a57165ab61019c, 0x4089d1e48e51006d),
    (0x40739aee757e49ea, 0x407c48c99d593b8a, 0x406107637455fbed),
    (0x406183ce1152de94, 0x406944c35efff005, 0x404e6d2ac01f5a6e),
    (0x40987ca021fced14, 0x40a1a9db837208eb, 0x408544dbe3bc1389),
    (0x406b00970b86b3ae, 0x40737a613216172e, 0x405774330c088f87),
    (0x409b987ca67759d2, 0x40a3e7f33b066786, 0x4087f822a791752f),
    (0x4094a7a3b6b8a895, 0x409dcc73880a249b, 0x4081f0c90abf565c),
    (0x409fd038d4e4d94a, 0x40a6f2d078e2c01f, 0x408ba1fb398965b0),
    (0x409e5fb6f33e8c94, 0x40a5e8fe1349e82e, 0x408a61e661cecd85),
    (0x40778b92ba33c8cc, 0x4080fbf9963d827c, 0x4064737bc7f51c37),
    (0x409cb506b9d45df8, 0x40a4b533ae63e936, 0x4088ef487a4195a3),
    (0x408c89b61ab34129, 0x409495f4ee77dc59, 0x4078c9a905f1a612),
    (0x409430cd8d75da3a, 0x409d2101a15e321f, 0x40818990b0437cdd),
    (0x408dee79d3bbf1af, 0x4095974ed7e1ba54, 0x4079ff8abfeaeb70),
    (0x409838d3d47e4f56, 0x40a178f39668877d, 0x408509f8658788de),
    (0x405c6b4505c8a17c, 0x40647fff694e5ae4, 0x4048af3809d83756),
    (0x409860b430372018, 0x40a195b75c896cae, 0x40852c9b439211b1),
    (0x40899ed783774282, 0x40927b344d5a584b, 0x407640f009925f70),
    (0x4092488fbac4530d, 0x409a609f6eb8e9d5, 0x407fc2f7d0b98183),
    (0x407b48e395ed99bf, 0x4083ae8849194709, 0x4067b2ff5c735c80),
    (0x4095e7ee33c15f0f, 0x409f9a8892be8e6b, 0x408306fc8cb9e661),
    (0x409537ae7f97c445, 0x409e9c4299b12867, 0x40826de612ae8752),
    (0x406b89c5c6a58338, 0x4073dd5601506dc5, 0x4057eb5aca03e6c0),
    (0x409ea7cd6924617c, 0x40a61cfe279a3687, 0x408aa083b90a9eaf),
    (0x409bca4b8510619e, 0x40a40be109e6f01a, 0x40882365eb4ac275),
    (0x40846e48e9df2004, 0x408d79b4ba76fc9b, 0x4071bef7b9495a77),
    (0x40902e6db90ec398, 0x40975842de60179f, 0x407c1c22b2b499f3),
    (0x4070cfbe51931c74, 0x407840fd43382d4e, 0x405d345e3b93d573),
    (0x409be2c6b3529e84, 0x40a41d89da9b9c0e, 0x408838a985e9c26f),
    (0x408785e5acd49c46, 0x4090f7e16e666c72, 0x40746e8dad0b0f07),
    (0x4089e1c9a7191209, 0x4092ab7edb3aedfb, 0x40767b160933ea43),
    (0x40907b65927deb0e, 0x4097c74d83afc4f6, 0x407ca1d7ca4df6bd),
    (0x4091fa219010b6b0, 0x4099ef78c2c5e31d, 0x407f3ab877960b51),
    (0x407d37ea8caeda95, 0x4085139e777a9f09, 0x406960f900ddbfe1),
    (0x409f9c1082b1898b, 0x40a6cd30cef9908f, 0x408b74ad8bc72f14),
    (0x40965c698ea34631, 0x40a0214a67873ef5, 0x40836c294ff82e55),
    (0x409e31fdbab4dfb7, 0x40a5c8028b16555d, 0x408a3a2f5b3dcfd8),
    (0x40790e99ba7c8d06, 0x40821327fa892443, 0x4065c3a6b53f0b7f),
    (0x40905a94e682b613, 0x409797f5e8277572, 0x407c68d654207e63),
    (0x40a00b4af4ab5abd, 0x40a7259229a6fbeb, 0x408bdf192fe772f5),
    (0x409beded12d1f382, 0x40a42594d94e30de, 0x40884258cccddfb7),
    (0x40978c0c302bca4d, 0x40a0fc5133cc2c12, 0x408473e547d5e880),
    (0x4075f4ed5030857b, 0x407fad489471e372, 0x4063124671113c6a),
    (0x407145e41d215f82, 0x4078eb70b8a29f93, 0x405e019c8f794133),
    (0x4099949834f158e0, 0x40a273cffc81b485, 0x40863809764d24fa),
    (0x409a1c7e18be19fc, 0x40a2d5d7964e157f, 0x4086ae1393947a7a),
    (0x408560b0949146c1, 0x408ed76c218fe530, 0x4072918497513813),
    (0x407119c7523b176e, 0x4078abccaa5697a3, 0x405db4faf86eb50f),
    (0x408622a69fae11cc, 0x408fef3fc5f620ca, 0x407339fd8b91f1fb),
    (0x405eb90e7b82fa32, 0x4066297066012ff8, 0x404aaf8057b47de9),
    (0x409a532e6f3a06e7, 0x40a2fd4ab2340fec, 0x4086dd941d8b9f25),
    (0x4092093ab1f4ee1e, 0x409a0540f7d96c6d, 0x407f54f2e3ca5294),
    (0x4068f1dea3a5ec2e, 0x4071fe6e673df391, 0x4055aab2289ef4c1),
    (0x405aec2dafdf6bae, 0x40636ba7e5876a01, 0x404762785bd38759),
    (0x4092cf5886320d55, 0x409b23135420ee66, 0x4080568e6438bb8a),
    (0x40834c69c2df2118, 0x408bd782700cac26, 0x4070c33035d09ab9),
    (0x405bb823a37e4e5c, 0x4063fec84d18075a, 0x404813a0d2234044),
    (0x4090c93beca3303d, 0x4098379929ef061f, 0x407d290f68cb4fe5),
    (0x4091413d973dd6db, 0x4098e4bb28db768c, 0x407df988690048a1),
    (0x4091465de96e14d5, 0x4098ec20704c85a1, 0x407e02702533b3fd),
    (0x4056abcf27ce33a7, 0x40605a90396f0e45, 0x4043b11fe71b0eed),
    (0x4064a8e5563b7ea1, 0x406dce438912b982, 0x4051f1e06676b2aa),
    (0x4089e6f887d05c0a, 0x4092af3bff12890d, 0x40767f968c1fb842),
    (0x408d00afb72fdd7f, 0x4094ebc77432174f, 0x407931002b119663),
    (0x406185cf733d1064, 0x406947a80683ebae, 0x404e70a69652213c),
    (0x408057fbb2a539ef, 0x4087943638ecbbfb, 0x406c6452c0db84b3),
    (0x4084cedcbaf2801e, 0x408e0509a7f7dbb0, 0x407212da8ee0087d),
    (0x40849bead089fec6, 0x408dbb8a262a56c5, 0x4071e69a7e7d4ab7),
    (0x409b158d4077a30f, 0x40a38980187a8c68, 0x408786681333e87c),
    (0x408794dda5b9f48d, 0x409102ad9d6c1da8, 0x40747b8e15b28a09),
    (0x408f1f4cc079d49c, 0x40967331248d4787, 0x407b084f062d3264),
    (0x4074f6b15f094460, 0x407e3e804cab6672, 0x406235733f77d92e),
    (0x4092cdf9a6220149, 0x409b21191f661b1e, 0x4080555da0083668),
    (0x409acb076c85e742, 0x40a353be5a0d2ccf, 0x408745ad48c3c377),
];

#[test]
fn hypot_matches_cpython() {
    let mut r = rng(7);
    for &want in HYPOT {
        let n = randint(&mut r, 1, 8);
        let v: Vec<f64> = (0..n)
            .map(|_| {
                let u = r.random() * 2.0 - 1.0;
                u * 2f64.powi(randint(&mut r, -40, 40) as i32)
            })
            .collect();
        assert_eq!(hypot(&v).to_bits(), want, "hypot({v:?})");
    }
    assert_eq!(hypot(&[3.0, 4.0]), 5.0);
    assert_eq!(hypot(&[1e-320, 1e-320]).to_bits(), 0xb2e);
    assert_eq!(hypot(&[0.1; 7]).to_bits(), 0x3fd0eecc87dbfa55);
    assert_eq!(
        dist(&[1.0, 2.0, 3.0], &[4.0, 5.0, 6.0]).to_bits(),
        0x4014c8dc2e423980
    );
    assert_eq!(hypot(&[]), 0.0);
    assert_eq!(hypot(&[-2.5]), 2.5);
    assert!(hypot(&[f64::NAN, 1.0]).is_nan());
    assert_eq!(hypot(&[f64::NAN, f64::NEG_INFINITY]), f64::INFINITY);
}

#[test]
fn fsum_matches_cpython() {
    let mut r = rng(8);
    for (i, &want) in FSUM.iter().enumerate() {
        let n = randint(&mut r, 0, 30);
        let mut v: Vec<f64> = (0..n)
            .map(|_| {
                let u = r.random() - 0.5;
                u * 2f64.powi(randint(&mut r, -60, 60) as i32)
            })
            .collect();
        if i % 3 == 0 {
            let half: Vec<f64> = v[..(n / 2) as usize].iter().map(|x| -x).collect();
            v.extend(half);
        }
        assert_eq!(
            fsum(v.iter().copied()).unwrap().to_bits(),
            want,
            "fsum({v:?})"
        );
    }
    assert_eq!(fsum([1e-16, 1.0, 1e16]).unwrap(), 1.0000000000000002e16);
    assert_eq!(fsum([0.1; 10]).unwrap(), 1.0);
    assert_eq!(
        fsum([1e308, 1e308]).unwrap_err().msg,
        "intermediate overflow in fsum"
    );
    assert_eq!(
        fsum([f64::INFINITY, f64::NEG_INFINITY]).unwrap_err().msg,
        "-inf + inf in fsum"
    );
    assert_eq!(fsum([f64::INFINITY, 1.0]).unwrap(), f64::INFINITY);
    assert!(fsum([f64::NAN, 1.0]).unwrap().is_nan());
    assert_eq!(fsum([]).unwrap(), 0.0);
}

#[test]
fn big_int_logs_match_cpython() {
    let mut r = rng(9);
    for &(ln, l2, l10) in LOGS {
        let k = randint(&mut r, 1, 3000) as u64;
        let n = BigInt::from(r.mt.getrandbits(k)) | BigInt::one();
        assert_eq!(log_int(&n, LogKind::Ln).unwrap().to_bits(), ln, "log({n})");
        assert_eq!(
            log_int(&n, LogKind::Log2).unwrap().to_bits(),
            l2,
            "log2({n})"
        );
        assert_eq!(
            log_int(&n, LogKind::Log10).unwrap().to_bits(),
            l10,
            "log10({n})"
        );
    }
    let big = num_traits::pow(BigInt::from(10), 400);
    let l = log_with_base(
        log_int(&big, LogKind::Ln).unwrap(),
        log_float(10.0, LogKind::Ln).unwrap(),
    );
    assert_eq!(l.unwrap().to_bits(), 0x4078ffffffffffff);
    let m = (BigInt::one() << 1024u32) - 1;
    assert_eq!(
        log_int(&m, LogKind::Ln).unwrap().to_bits(),
        0x40862e42fefa39ef
    );
    let p = (BigInt::one() << 5000u32) + 1;
    assert_eq!(
        log_int(&p, LogKind::Log2).unwrap().to_bits(),
        0x40b3880000000000
    );
    assert_eq!(
        log_int(&BigInt::zero(), LogKind::Ln).unwrap_err().msg,
        "math domain error"
    );
    assert_eq!(
        log_float(-1.0, LogKind::Ln).unwrap_err().msg,
        "math domain error"
    );
    assert_eq!(
        log_float(0.0, LogKind::Log10).unwrap_err().msg,
        "math domain error"
    );
    assert_eq!(
        log_float(f64::INFINITY, LogKind::Ln).unwrap(),
        f64::INFINITY
    );
    assert_eq!(log_float(1e-320, LogKind::Ln).unwrap(), -736.8272408909739);
    assert_eq!(
        log_with_base(1.0, 0.0).unwrap_err().msg,
        "float division by zero"
    );
    assert_eq!(frexp_int(&BigInt::from(-8)), (-0.5, 4));
    // Rounds up to 1.0 and renormalises: 2**60 - 1 -> (0.5, 61).
    assert_eq!(frexp_int(&((BigInt::one() << 60u32) - 1)), (0.5, 61));
}

#[test]
fn integer_functions_match_cpython() {
    let b = |x: i64| BigInt::from(x);
    let p = |s: &str| s.parse::<BigInt>().unwrap();
    assert_eq!(
        comb(&b(100), &b(37)).unwrap(),
        p("3420029547493938143902737600")
    );
    assert_eq!(comb(&b(5), &b(7)).unwrap(), b(0));
    assert_eq!(comb(&b(10), &b(3)).unwrap(), b(120));
    assert_eq!(perm(&b(30), Some(&b(12))).unwrap(), p("41430393164160000"));
    assert_eq!(perm(&b(5), None).unwrap(), b(120));
    assert_eq!(
        factorial(&b(30)).unwrap(),
        p("265252859812191058636308480000000")
    );
    assert_eq!(factorial(&b(0)).unwrap(), b(1));
    assert_eq!(
        comb(&b(-1), &b(2)).unwrap_err().msg,
        "n must be a non-negative integer"
    );
    assert_eq!(
        comb(&b(3), &b(-2)).unwrap_err().msg,
        "k must be a non-negative integer"
    );
    assert_eq!(
        perm(&b(3), Some(&b(-1))).unwrap_err().msg,
        "k must be a non-negative integer"
    );
    assert_eq!(
        factorial(&b(-1)).unwrap_err().msg,
        "factorial() not defined for negative values"
    );
    assert_eq!(
        isqrt(&b(-1)).unwrap_err().msg,
        "isqrt() argument must be nonnegative"
    );
    let big = num_traits::pow(b(10), 40) + 12345;
    assert_eq!(isqrt(&big).unwrap(), p("100000000000000000000"));
    assert_eq!(gcd(&[]), b(0));
    assert_eq!(gcd(&[b(-12), b(18)]), b(6));
    assert_eq!(
        gcd(&[BigInt::one() << 100u32, num_traits::pow(b(6), 50)]),
        p("1125899906842624")
    );
    assert_eq!(lcm(&[b(4), b(6), b(-10)]), b(60));
    assert_eq!(lcm(&[]), b(1));
    assert_eq!(lcm(&[b(0), b(5)]), b(0));
    assert_eq!(
        lcm(&[b(12), b(18), BigInt::one() << 70u32]),
        p("10625324586456701730816")
    );
}
