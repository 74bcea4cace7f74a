package dev.switchboard.it.browser;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian Chromium with a fake camera and microphone, driven through /usr/bin/chromedriver.
 * The demo pages expose what they show as data ({@code window.switchboardDemo.snapshot()}); tests wait on
 * conditions over that data, with timeouts.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("switchboard.e2e.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("switchboard.e2e.chromedriver", "/usr/bin/chromedriver"));
    static final Duration WAIT = Duration.ofSeconds(45);

    private final ChromeDriver driver;
    private final Path profile;
    private final String name;

    /**
     * Skips the calling test, with the reason printed, when Chromium or ChromeDriver is missing; fails
     * instead when {@code switchboard.e2e.required} is true, so CI never skips silently.
     */
    static void assumeInstalled() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (installed) {
            return;
        }
        String reason = "browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                + " (apt-get install chromium chromium-driver)";
        if (Boolean.getBoolean("switchboard.e2e.required")) {
            fail(reason + ", and switchboard.e2e.required is true");
        }
        System.out.println("SKIPPED: " + reason);
        Assumptions.abort(reason);
    }

    Browser(String name) {
        this.name = name;
        try {
            profile = Files.createTempDirectory("switchboard-chromium-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile,
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--autoplay-policy=no-user-gesture-required",
                // plain host candidates: separate browsers on one machine cannot resolve each other's mDNS names
                "--disable-features=WebRtcHideLocalIpsWithMdns",
                "--window-size=1100,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
    }

    void open(String url) {
        driver.get(url);
    }

    void click(String id) {
        driver.findElement(By.id(id)).click();
    }

    void clickCss(String selector) {
        driver.findElement(By.cssSelector(selector)).click();
    }

    void select(String id, String visibleText) {
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id(id))).selectByVisibleText(visibleText);
    }

    void type(String id, String text) {
        driver.findElement(By.id(id)).clear();
        driver.findElement(By.id(id)).sendKeys(text);
    }

    /** Runs an async script (it calls {@code arguments[arguments.length - 1]} with its result). */
    Object runAsync(String script, Object... args) {
        driver.manage().timeouts().scriptTimeout(WAIT);
        return driver.executeAsyncScript(script, args);
    }

    /** Runs a script in the page. */
    void run(String script) {
        driver.executeScript(script);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> snapshot() {
        return (Map<String, Object>) driver.executeScript("return window.switchboardDemo.snapshot();");
    }

    /** Waits until {@code condition} holds for the page's snapshot; fails with the last snapshot otherwise. */
    Map<String, Object> await(String what, Predicate<Map<String, Object>> condition) {
        try {
            return new WebDriverWait(driver, WAIT, Duration.ofMillis(200)).until(d -> {
                Map<String, Object> snapshot = snapshot();
                return condition.test(snapshot) ? snapshot : null;
            });
        } catch (TimeoutException e) {
            screenshot("timeout-" + name + "-" + System.currentTimeMillis() + ".png");
            fail(name + ": timed out waiting until " + what + "; page shows " + snapshot());
            return null;
        }
    }

    /** Saves what the page looks like, for people to look at (target/screenshots). */
    void screenshot(String file) {
        try {
            Path dir = Path.of(System.getProperty("switchboard.it.screenshots", "target/screenshots"));
            Files.createDirectories(dir);
            Files.write(dir.resolve(file), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temp profile is harmless
        }
    }
}
