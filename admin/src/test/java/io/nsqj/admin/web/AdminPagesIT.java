package io.nsqj.admin.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nsqj.client.ClientConfig;
import io.nsqj.client.Consumer;
import io.nsqj.testsupport.AdminProcess;
import io.nsqj.testsupport.BrokerProcess;
import io.nsqj.testsupport.HttpAnswer;
import io.nsqj.testsupport.LookupdProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

/**
 * The packaged admin in headless Chromium, over a real lookupd and two real brokers on 127.0.0.1: what a user sees
 * and clicks, checked against what the brokers' own /stats say. Screenshots of every page go to target/screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminPagesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCREENSHOTS = Path.of(System.getProperty("nsq.screenshots.dir", "target/screenshots"));

    private static LookupdProcess lookupd;
    private static BrokerProcess first;
    private static BrokerProcess second;
    private static AdminProcess admin;
    private static ChromeDriverService driverService;
    private static WebDriver browser;

    @BeforeAll
    static void startClusterAdminAndBrowser() throws IOException {
        lookupd = LookupdProcess.start("admin-lookupd");
        String lookupdTcp = "--lookupd-tcp-address=127.0.0.1:" + lookupd.tcpPort();
        first = BrokerProcess.start("admin-nsqd-1", "--broadcast-address=127.0.0.1", lookupdTcp);
        second = BrokerProcess.start("admin-nsqd-2", "--broadcast-address=127.0.0.1", lookupdTcp);
        admin = AdminProcess.start("admin", List.of("-Dnsqadmin.sample-interval=1s"),
                "--lookupd-http-address=" + lookupd.httpUrl().substring("http://".length()));
        Files.createDirectories(SCREENSHOTS);
        // the system's chromedriver, named here, so that Selenium Manager never tries to download one
        System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        driverService = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000");
        browser = new ChromeDriver(driverService, options);
    }

    @AfterAll
    static void stopAll() {
        if (browser != null) {
            browser.quit();
        }
        if (driverService != null) {
            driverService.stop();
        }
        for (AutoCloseable daemon : new AutoCloseable[]{admin, first, second, lookupd}) {
            try {
                if (daemon != null) {
                    daemon.close();
                }
            } catch (Exception ignored) {
                // the others still stop
            }
        }
    }

    @Test
    @Order(1)
    void theTopicPageShowsThePublishedDepthOfEachBrokerAndTheirTotal() throws IOException {
        publish(first, "orders", 3);
        publish(second, "orders", 2);
        awaitLookupdProducers("orders", 2);

        open("/topics");
        waitForText(By.cssSelector("tr[data-topic='orders'] td.depth"), "5");
        screenshot("topics");

        browser.findElement(By.linkText("orders")).click();
        waitForText(By.cssSelector("#topic-total .depth"), "5");
        assertEquals("3", cell("#topic-nodes tr[data-node='127.0.0.1:" + first.httpPort() + "'] td.depth"));
        assertEquals("2", cell("#topic-nodes tr[data-node='127.0.0.1:" + second.httpPort() + "'] td.depth"));
        screenshot("topic");
    }

    @Test
    @Order(2)
    void pausingAChannelAfterConfirmingPausesItOnEveryBroker() throws IOException {
        for (BrokerProcess broker : List.of(first, second)) {
            assertEquals(200, HttpAnswer.post(broker.httpUrl() + "/topic/create?topic=audit").status());
            assertEquals(200, HttpAnswer.post(broker.httpUrl() + "/channel/create?topic=audit&channel=archive").status());
        }
        awaitLookupdProducers("audit", 2);

        open("/topics/audit/archive");
        browser.findElement(By.id("channel-pause")).click();
        confirm();
        waitForText(By.id("message"), "pause channel audit/archive: done on");
        assertEquals("paused", browser.findElement(By.id("channel-paused")).getText());
        screenshot("channel");

        for (BrokerProcess broker : List.of(first, second)) {
            JsonNode channel = stats(broker, "audit").path("topics").get(0).path("channels").get(0);
            assertEquals("archive", channel.path("channel_name").asText());
            assertTrue(channel.path("paused").asBoolean(), "paused on " + broker.httpUrl());
        }
    }

    @Test
    @Order(3)
    void emptyingATopicAfterConfirmingLeavesItWithDepthZeroOnTheBroker() throws IOException {
        publish(first, "payments", 4);
        awaitLookupdProducers("payments", 1);

        open("/topics/payments");
        waitForText(By.cssSelector("#topic-total .depth"), "4");
        browser.findElement(By.id("topic-empty")).click();
        confirm();
        waitForText(By.id("message"), "empty topic payments: done on 127.0.0.1:" + first.httpPort());
        assertEquals("0", cell("#topic-total .depth"));

        assertEquals(0, stats(first, "payments").path("topics").get(0).path("depth").asLong());
    }

    @Test
    @Order(4)
    void creatingATopicWithAChannelAfterConfirmingMakesBothOnEveryBroker() throws IOException {
        open("/topics");
        browser.findElement(By.name("topic")).sendKeys("signups");
        browser.findElement(By.name("channel")).sendKeys("welcome");
        browser.findElement(By.id("create-topic")).click();
        confirm();
        waitForText(By.id("message"), "create topic signups: done on");

        for (BrokerProcess broker : List.of(first, second)) {
            JsonNode topic = stats(broker, "signups").path("topics").get(0);
            assertEquals("signups", topic.path("topic_name").asText(), "on " + broker.httpUrl());
            assertEquals("welcome", topic.path("channels").get(0).path("channel_name").asText());
        }
    }

    @Test
    @Order(5)
    void theChannelPageListsEachConsumerWithItsRdyAndFinishedCount() throws Exception {
        publish(first, "clicks", 3);
        CountDownLatch handled = new CountDownLatch(3);
        Consumer consumer = new Consumer("clicks", "analytics", m -> handled.countDown(),
                ClientConfig.builder().clientId("admin-it-consumer").hostname("consumer-host").maxInFlight(5).build());
        try {
            consumer.connectToNsqd(first.tcpAddress());
            assertTrue(handled.await(20, TimeUnit.SECONDS));

            open("/topics/clicks/analytics");
            waitForText(By.cssSelector("#clients tbody tr td.finished"), "3");
            String row = browser.findElement(By.cssSelector("#clients tbody tr")).getText();
            assertContains(row, "admin-it-consumer", "consumer-host", "127.0.0.1:" + first.httpPort());
            assertEquals("5", browser.findElement(By.cssSelector("#clients tbody tr td.rdy")).getText());
            screenshot("channel-with-a-consumer");
        } finally {
            consumer.stop();
        }
    }

    @Test
    @Order(6)
    void tombstoningATopicOnANodeAfterConfirmingTombstonesItOnTheLookupd() throws IOException {
        String node = "127.0.0.1:" + second.httpPort();
        open("/nodes/" + node);
        browser.findElement(By.id("tombstone-orders")).click();
        confirm();
        waitForText(By.id("message"), "tombstone topic orders on " + node + ": done on");

        JsonNode producer = null;
        for (JsonNode p : JSON.readTree(HttpAnswer.get(lookupd.httpUrl() + "/nodes").body()).path("producers")) {
            if (p.path("http_port").asInt() == second.httpPort()) {
                producer = p;
            }
        }
        assertTrue(producer != null, "lookupd lists " + node);
        List<String> topics = new ArrayList<>();
        producer.path("topics").forEach(t -> topics.add(t.asText()));
        assertTrue(producer.path("tombstones").get(topics.indexOf("orders")).asBoolean(), producer.toString());
    }

    @Test
    @Order(7)
    void theNodesLookupAndCounterPagesListWhatTheClusterHas() throws IOException {
        open("/nodes");
        for (BrokerProcess broker : List.of(first, second)) {
            WebElement row = browser.findElement(By.cssSelector("#nodes tr[data-node='127.0.0.1:" + broker.httpPort() + "']"));
            assertContains(row.getText(), "up", "orders", "audit");
        }
        screenshot("nodes");

        browser.findElement(By.linkText("127.0.0.1:" + first.httpPort())).click();
        assertContains(browser.findElement(By.id("node-topics")).getText(), "orders", "archive", "payments");
        screenshot("node");

        open("/lookup");
        assertContains(browser.findElement(By.cssSelector("#lookup tr[data-topic='audit']")).getText(), "archive");
        screenshot("lookup");

        open("/counter");
        // the consumer above finished 3 messages of clicks/analytics
        waitForText(By.id("counter"), "3");
        screenshot("counter");
    }

    @Test
    @Order(8)
    void aStoppedBrokerShowsAsDownWhileThePagesStillRender() throws IOException {
        open("/nodes");
        second.stop();

        String node = "127.0.0.1:" + second.httpPort();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            open("/nodes");
            assertContains(browser.findElement(By.cssSelector("#nodes tr[data-node='" + node + "']")).getText(), "down");
        });
        assertContains(browser.findElement(By.cssSelector("#nodes tr[data-node='127.0.0.1:" + first.httpPort() + "']"))
                .getText(), "up");
        assertFalse(browser.findElements(By.cssSelector(".warning.down")).isEmpty());
        screenshot("nodes-with-a-broker-down");

        open("/topics/orders");
        waitForText(By.cssSelector("#topic-total .depth"), "3");
        assertContains(browser.findElement(By.cssSelector("#topic-nodes tr.down[data-node='" + node + "']")).getText(),
                "down");
        screenshot("topic-with-a-broker-down");
    }

    @Test
    @Order(9)
    void theJsonApiAnswersInNsqadminsShapeAndWarnsOfTheBrokerThatIsDown() throws IOException {
        JsonNode topics = JSON.readTree(HttpAnswer.get(admin.httpUrl() + "/api/topics").body());
        assertContains(topics.path("topics").toString(), "\"orders\"", "\"payments\"", "\"signups\"");
        assertTrue(topics.path("message").asText().startsWith("WARNING: "), topics.toString());

        JsonNode clicks = JSON.readTree(HttpAnswer.get(admin.httpUrl() + "/api/topics/clicks").body());
        assertEquals("clicks", clicks.path("topic_name").asText());
        assertEquals(3, clicks.path("message_count").asLong());
        assertEquals("analytics", clicks.path("channels").get(0).path("channel_name").asText());
        assertEquals(3, clicks.path("channels").get(0).path("message_count").asLong());
        assertEquals("127.0.0.1:" + first.httpPort(), clicks.path("nodes").get(0).path("node").asText());

        JsonNode nodes = JSON.readTree(HttpAnswer.get(admin.httpUrl() + "/api/nodes").body());
        assertEquals(2, nodes.path("nodes").size());

        HttpAnswer paused = HttpAnswer.send(HttpRequest.newBuilder(URI.create(admin.httpUrl() + "/api/topics/payments"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"pause\"}")));
        assertEquals(200, paused.status(), paused.body());
        assertTrue(stats(first, "payments").path("topics").get(0).path("paused").asBoolean());
    }

    private static void open(String path) {
        browser.get(admin.httpUrl() + path);
    }

    private static void confirm() {
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent()).accept();
    }

    /** Reloads the page until the element's text starts with {@code expected}: the admin's numbers are live. */
    private static void waitForText(By element, String expected) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            List<WebElement> found = browser.findElements(element);
            if (found.isEmpty() || !found.get(0).getText().startsWith(expected)) {
                browser.navigate().refresh();
            }
            String text = browser.findElement(element).getText();
            assertTrue(text.startsWith(expected), "\"" + text + "\" should start with \"" + expected + "\"");
        });
    }

    private static void assertContains(String text, String... parts) {
        for (String part : parts) {
            assertTrue(text.contains(part), "\"" + text + "\" should contain \"" + part + "\"");
        }
    }

    private static String cell(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private static void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void publish(BrokerProcess broker, String topic, int count) {
        for (int i = 0; i < count; i++) {
            HttpAnswer answer = HttpAnswer.send(HttpRequest.newBuilder(URI.create(broker.httpUrl() + "/pub?topic=" + topic))
                    .POST(HttpRequest.BodyPublishers.ofString("message " + i)));
            assertEquals(200, answer.status());
        }
    }

    private static void awaitLookupdProducers(String topic, int count) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertEquals(count,
                JSON.readTree(HttpAnswer.get(lookupd.httpUrl() + "/lookup?topic=" + topic).body()).path("producers").size()));
    }

    private static JsonNode stats(BrokerProcess broker, String topic) throws IOException {
        return JSON.readTree(HttpAnswer.get(broker.httpUrl() + "/stats?format=json&topic=" + topic).body());
    }
}
