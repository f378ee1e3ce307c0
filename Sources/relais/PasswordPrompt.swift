import ArgumentParser
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How `relais users password` gets the password: asked twice on a terminal, without echo
/// (nobody reads it over a shoulder or in the scrollback), or read from standard input when
/// a script pipes it in. The prompts go to standard error, so standard output stays the
/// command's answer.
enum PasswordPrompt {
    static func ask(for name: String) throws -> String {
        let first = try silentLine("New console password for '\(name)' (at least 12 characters): ")
        let second = try silentLine("The same password again: ")
        guard first == second else { throw ValidationError("the two passwords differ; nothing was changed") }
        return first
    }

    static func readStandardInput() throws -> String {
        var data = FileHandle.standardInput.readDataToEndOfFile()
        if data.last == 0x0A { data.removeLast() }
        if data.last == 0x0D { data.removeLast() }
        guard let password = String(data: data, encoding: .utf8) else { throw ValidationError("the password is not valid UTF-8") }
        return password
    }

    /// One line from the terminal with echo off, restored whatever happens. Echo goes off
    /// before the prompt is shown, so nothing typed after it can appear.
    private static func silentLine(_ prompt: String) throws -> String {
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { throw ValidationError("cannot read the terminal's settings") }
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        _ = tcsetattr(STDIN_FILENO, TCSANOW, &silent)
        defer {
            _ = tcsetattr(STDIN_FILENO, TCSANOW, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        FileHandle.standardError.write(Data(prompt.utf8))
        guard let line = readLine(strippingNewline: true) else { throw ValidationError("no password given") }
        return line
    }
}
