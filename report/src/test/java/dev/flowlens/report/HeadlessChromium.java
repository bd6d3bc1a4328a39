package dev.flowlens.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Debian's headless Chromium for the report pages' browser tests: found on the PATH, or {@code null}. */
final class HeadlessChromium {
    private HeadlessChromium() {}

    static String path() {
        for (String name : new String[] {"chromium", "chromium-browser"}) {
            for (String folder : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                if (Files.isExecutable(Path.of(folder, name))) {
                    return Path.of(folder, name).toString();
                }
            }
        }
        return null;
    }

    /** The DOM of {@code html} after it loaded (scripts run), with its profile and log in {@code dir}. */
    static String dumpDom(Path html, Path dir) throws IOException, InterruptedException {
        Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
        Path out = dir.resolve("dom.html");
        Process process = new ProcessBuilder(path(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=" + profile,
                "--window-size=1280,2000", "--virtual-time-budget=5000", "--dump-dom", html.toUri().toString())
                .redirectOutput(out.toFile()).redirectError(dir.resolve("chromium.log").toFile()).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish within 90 s; see " + dir.resolve("chromium.log"));
        }
        assertThat(process.exitValue()).as("chromium's exit code; log: " + Files.readString(
                dir.resolve("chromium.log"))).isZero();
        return Files.readString(out);
    }
}
