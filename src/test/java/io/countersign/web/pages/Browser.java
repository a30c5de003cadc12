package io.countersign.web.pages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium from the distribution for a test class, signing in and out as different
 * people. A failed test leaves a screenshot under {@code target/screenshots}.
 */
final class Browser implements TestWatcher, AutoCloseable {

    private final Path profile;
    private final ChromeDriver driver;
    private String base;

    Browser() {
        try {
            profile = Files.createTempDirectory("countersign-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions()
                .setBinary("/usr/bin/chromium")
                .addArguments(
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-first-run",
                        "--window-size=420,900",
                        "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
    }

    Browser at(int port) {
        base = "http://localhost:" + port;
        return this;
    }

    ChromeDriver driver() {
        return driver;
    }

    void open(String path) {
        driver.get(base + path);
    }

    String path() {
        return driver.getCurrentUrl().substring(base.length());
    }

    /** Signs out by forgetting the session, then signs in through the form. */
    void signIn(String username, String password) {
        driver.manage().deleteAllCookies();
        open("/login");
        submitSignIn(username, password);
    }

    void submitSignIn(String username, String password) {
        field("username").clear();
        field("username").sendKeys(username);
        field("password").sendKeys(password);
        submit(driver.findElement(By.cssSelector("main form button[type=submit]")));
    }

    /** Presses a button and waits until the page it leads to has replaced this one. */
    void submit(WebElement button) {
        WebElement page = driver.findElement(By.tagName("html"));
        button.click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> isGone(page));
    }

    /**
     * Whether the element left the document. While a page is being replaced, Chromium answers either
     * "stale element" or "node does not belong to the document"; both mean it is gone.
     */
    private static boolean isGone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    WebElement field(String id) {
        return driver.findElement(By.id(id));
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    void click(String ariaLabel) {
        submit(driver.findElement(By.cssSelector("[aria-label='" + ariaLabel + "']")));
    }

    /** Presses the button with this text and waits for the page its form leads to. */
    void clickButton(String text) {
        submit(driver.findElement(By.xpath("//button[normalize-space()='" + text + "']")));
    }

    /**
     * Keeps a picture of the whole page under target/screenshots, for the README's illustrations
     * (copied to docs/images by hand when a page changes).
     */
    void keepPicture(String file) {
        var window = driver.manage().window();
        Dimension before = window.getSize();
        window.setSize(new Dimension(1000, 1000));
        long height = (Long) driver.executeScript("return document.documentElement.scrollHeight");
        window.setSize(new Dimension(1000, (int) height + 120));
        try {
            Path dir = Files.createDirectories(Path.of("target/screenshots"));
            Files.write(dir.resolve(file), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            window.setSize(before);
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        try {
            Path dir = Files.createDirectories(Path.of("target/screenshots"));
            byte[] png = driver.getScreenshotAs(OutputType.BYTES);
            Files.write(dir.resolve(context.getDisplayName().replaceAll("[^A-Za-z0-9]", "") + ".png"), png);
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
