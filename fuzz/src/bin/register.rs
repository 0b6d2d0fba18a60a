//! AFL++ target: see [`renewal_fuzz::register`]. `fuzz_nohook`: a panic the product itself catches
//! (the PDF reader turns a panic inside pdf-extract into an import error) is not a crash; any
//! panic that escapes still aborts and is saved as one.
fn main() {
    afl::fuzz_nohook!(|data: &[u8]| {
        renewal_fuzz::register(data);
    });
}
