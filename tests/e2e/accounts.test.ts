import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { eq } from "drizzle-orm";
import { users } from "../../db/schema";
import { baseUrl, e2eDb, expectAccessible, hydrated, latestEmailTo, launchBrowser, newContext } from "../helpers/e2e";
import { uniqueEmail } from "../helpers/factories";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("accounts in the browser", () => {
  it("a physiotherapist signs up, logs out, logs in, resets a forgotten password and edits the profile", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const email = uniqueEmail("fysio");

    await page.goto("/signup");
    await expectAccessible(page);
    await page.getByLabel("Fullt navn").fill("Solveig Ødegård");
    await page.getByLabel("E-post").fill(email);
    await page.getByLabel("Yrke").selectOption("physio");
    await page.getByLabel("HPR-nummer").fill("1234567");
    await page.getByLabel("Praksis / arbeidssted").fill("Malvik Fysioterapi");
    await page.getByLabel("Kommune").fill("Malvik");
    await page.getByLabel("Telefon").fill("91234567");
    await page.getByLabel("Passord", { exact: true }).fill("mitt-gode-passord");
    await page.getByLabel("Gjenta passordet").fill("mitt-gode-passord");
    await page.getByRole("button", { name: "Opprett konto" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Hei, Solveig Ødegård");
    await expectAccessible(page);

    await page.getByRole("button", { name: "Logg ut" }).click();
    await page.waitForURL("**/login");
    await expectAccessible(page);

    await page.getByLabel("E-post").fill(email);
    await page.getByLabel("Passord").fill("mitt-gode-passord");
    await page.getByRole("button", { name: "Logg inn" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Hei, Solveig Ødegård");
    await page.getByRole("button", { name: "Logg ut" }).click();
    await page.waitForURL("**/login");

    await page.getByRole("link", { name: "Glemt passordet?" }).click();
    await page.waitForURL("**/forgot-password");
    await expectAccessible(page);
    await page.getByLabel("E-post").fill(email);
    await page.getByRole("button", { name: "Send lenke" }).click();
    await page.getByText("Hvis adressen finnes hos oss").waitFor();
    const mail = latestEmailTo(email);
    expect(mail?.subject).toBe("Nytt passord til Knutepunkt");
    const link = mail!.textBody.match(/https?:\/\/\S+\/reset-password\/\S+/)![0];
    await page.goto(link);
    await expectAccessible(page);
    await page.getByLabel("Nytt passord").fill("enda-bedre-passord");
    await page.getByLabel("Gjenta passordet").fill("enda-bedre-passord");
    await page.getByRole("button", { name: "Lagre nytt passord" }).click();
    await page.getByText("Passordet er endret").waitFor();

    await page.goto("/profile");
    await expectAccessible(page);
    await page.getByLabel("Spesialkompetanse").fill("Psykomotorisk fysioterapi");
    await page.getByLabel("Vis meg i nettverket på tvers av kurs").check();
    await page.getByRole("button", { name: "Lagre profilen" }).click();
    await page.getByText("Profilen er lagret.").waitFor();
    await expectAccessible(page);
    const saved = e2eDb().select().from(users).where(eq(users.email, email)).get()!;
    expect(saved.specialCompetence).toBe("Psykomotorisk fysioterapi");
    expect(saved.directoryOptIn).toBe(true);
    expect(saved.profession).toBe("physio");
    await context.close();
  });

  it("invalid sign-up input shows Norwegian errors next to the fields and keeps what was typed", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto("/signup");
    await hydrated(page);
    await page.getByLabel("Fullt navn").fill("Lars Brå");
    await page.getByLabel("E-post").fill("ikke-en-adresse");
    await page.getByLabel("HPR-nummer").fill("12ab");
    await page.getByLabel("Passord", { exact: true }).fill("kort");
    // The validator is downloaded on the form's first focus. Leaving the last field shows its error above
    // the button; leave it before clicking, so the button does not move under the click.
    await page.waitForLoadState("networkidle");
    await page.getByLabel("Passord", { exact: true }).blur();
    await page.getByRole("button", { name: "Opprett konto" }).click();
    await page.getByText("Skriv en gyldig e-postadresse").waitFor();
    await page.getByText("HPR-nummeret består av 4 til 9 sifre").waitFor();
    await page.getByText("Passordet må ha minst 10 tegn").waitFor();
    expect(await page.getByLabel("Fullt navn").inputValue()).toBe("Lars Brå");
    expect(await page.getByLabel("E-post").inputValue()).toBe("ikke-en-adresse");
    await expectAccessible(page);

    // Everything else corrected, profession still missing: the error sits by the profession field.
    await page.getByLabel("E-post").fill(uniqueEmail("lars"));
    await page.getByLabel("HPR-nummer").fill("7654321");
    await page.getByLabel("Passord", { exact: true }).fill("et-langt-passord");
    await page.getByLabel("Gjenta passordet").fill("et-langt-passord");
    await page.getByLabel("Gjenta passordet").blur();
    await page.getByRole("button", { name: "Opprett konto" }).click();
    await page.getByText("Velg yrke").waitFor();
    expect(await page.getByLabel("Fullt navn").inputValue()).toBe("Lars Brå");
    await context.close();
  });

  it("sign-up loads its validator when the form is first used; without JavaScript the action gives the same error by the field", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const scripts: string[] = [];
    const posts: string[] = [];
    page.on("request", (r) => {
      if (r.resourceType() === "script") scripts.push(r.url());
      if (r.method() === "POST") posts.push(r.url());
    });
    await page.goto("/signup");
    await hydrated(page);
    await page.waitForLoadState("networkidle");
    const before = scripts.length;
    await page.getByLabel("E-post").fill("ikke-en-adresse");
    await page.waitForLoadState("networkidle");
    expect(scripts.length).toBeGreaterThan(before); // the schema module, on first focus
    // Leaving the e-mail field shows its error once the validator has arrived (until then nothing is sent).
    await expect
      .poll(async () => {
        await page.getByLabel("E-post").focus();
        await page.getByLabel("Fullt navn").focus();
        return page.getByText("Skriv en gyldig e-postadresse").isVisible();
      })
      .toBe(true);
    expect(await page.getByLabel("E-post").getAttribute("aria-invalid")).toBe("true");
    expect(posts).toEqual([]); // validated in the browser
    await context.close();

    const noJs = await browser.newContext({ baseURL: baseUrl(), javaScriptEnabled: false, locale: "nb-NO" });
    const plain = await noJs.newPage();
    await plain.goto("/signup");
    // Without JavaScript Designsystemet does not tie labels to inputs: find the field by name.
    const email = plain.locator('input[name="email"]');
    await email.fill("ikke-en-adresse");
    await plain.getByRole("button", { name: "Opprett konto" }).click();
    await plain.getByText("Skriv en gyldig e-postadresse").waitFor();
    expect(await email.getAttribute("aria-invalid")).toBe("true");
    expect(await email.inputValue()).toBe("ikke-en-adresse");
    await noJs.close();
  });

  it("switches the whole page, including client-side validation, to English and back", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { level: 1, name: "Log in" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await expectAccessible(page);
    // After hydration, client-side validation speaks English too.
    await page.getByRole("button", { name: "Log in" }).click();
    await page.getByText("Please fill in this field").first().waitFor();
    await page.getByRole("button", { name: "Norsk" }).click();
    await page.getByRole("heading", { level: 1, name: "Logg inn" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("nb");
    await context.close();
  });
});
