//! The command line's whole output pinned: for each case in `tests/cmd/*.toml`, the exit
//! code, standard output and standard error must be exactly what the `.stdout` and
//! `.stderr` files beside it say. After an intended change, regenerate them with
//! `TRYCMD=overwrite cargo test --test cli_pinned` and read the diff before committing.

#[test]
fn command_line_outputs_are_pinned() {
    trycmd::TestCases::new().case("tests/cmd/*.toml");
}
