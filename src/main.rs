fn main() -> std::process::ExitCode {
    casework::cli::main()
}
