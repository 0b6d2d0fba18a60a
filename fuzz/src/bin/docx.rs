//! Fuzz target: see [`renewal_fuzz::docx`]. With the `afl` feature, AFL++'s persistent loop
//! (`fuzz_nohook`: a panic the product itself catches, as the PDF reader does around
//! pdf-extract, is not a crash; a panic that escapes aborts and is saved as one); without it,
//! one input from standard input ([`renewal_fuzz::run_once`]).
fn main() {
    #[cfg(feature = "afl")]
    afl::fuzz_nohook!(|data: &[u8]| {
        renewal_fuzz::docx(data);
    });
    #[cfg(not(feature = "afl"))]
    renewal_fuzz::run_once(renewal_fuzz::docx);
}
