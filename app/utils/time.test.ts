import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatDate, formatEveningTime, formatTime, formatWeekday, instantToOslo, osloDateTimeToInstant } from "./time";

describe("Europe/Oslo conversions", () => {
  it("stores 17:00 in January as 16:00 UTC (CET) and in May as 15:00 UTC (CEST)", () => {
    expect(osloDateTimeToInstant("2027-01-29", "17:00").toISOString()).toBe("2027-01-29T16:00:00.000Z");
    expect(osloDateTimeToInstant("2027-05-20", "17:00").toISOString()).toBe("2027-05-20T15:00:00.000Z");
  });

  it("shows both as 17.00 in Norwegian", () => {
    const jan = osloDateTimeToInstant("2027-01-29", "17:00");
    const janEnd = osloDateTimeToInstant("2027-01-29", "20:00");
    expect(formatEveningTime(jan, janEnd)).toBe("29. januar 2027, 17.00–20.00");
    const may = osloDateTimeToInstant("2027-05-20", "17:00");
    expect(instantToOslo(may)).toEqual({ date: "2027-05-20", time: "17:00" });
  });

  it("handles the October change (last Sunday of October 2027 is the 31st)", () => {
    expect(osloDateTimeToInstant("2027-10-30", "17:00").toISOString()).toBe("2027-10-30T15:00:00.000Z");
    expect(osloDateTimeToInstant("2027-11-01", "17:00").toISOString()).toBe("2027-11-01T16:00:00.000Z");
  });

  it("round-trips any evening time of day", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2026-01-01"), max: new Date("2035-12-31"), noInvalidDate: true }),
        fc.integer({ min: 6, max: 22 }),
        fc.integer({ min: 0, max: 59 }),
        (day, h, m) => {
          const date = day.toISOString().slice(0, 10);
          const time = `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
          expect(instantToOslo(osloDateTimeToInstant(date, time))).toEqual({ date, time });
        },
      ),
    );
  });

  it("formatTime shows the Oslo wall-clock time of any instant, midnight and both DST changes included", () => {
    expect(formatTime(new Date("2027-10-30T22:00:00Z"))).toBe("00.00");
    expect(formatTime(new Date("2027-03-28T00:59:00Z"), "en")).toBe("01:59"); // CET
    expect(formatTime(new Date("2027-03-28T01:00:00Z"), "en")).toBe("03:00"); // CEST from here
    fc.assert(
      fc.property(fc.date({ min: new Date("2020-01-01"), max: new Date("2040-12-31"), noInvalidDate: true }), (instant) => {
        const { time } = instantToOslo(instant);
        expect(formatTime(instant, "en")).toBe(time);
        expect(formatTime(instant)).toBe(time.replace(":", "."));
      }),
    );
  });
});

describe("formatted dates", () => {
  it("give Intl's text in Oslo time for each language and kind", () => {
    const evening = new Date("2031-02-04T16:00:00Z");
    const intlDate = (locale: string, options: Intl.DateTimeFormatOptions) =>
      new Intl.DateTimeFormat(locale, { timeZone: "Europe/Oslo", ...options }).format(evening);
    expect(formatDate(evening)).toBe(intlDate("nb-NO", { day: "numeric", month: "long", year: "numeric" }));
    expect(formatDate(evening.getTime(), "en")).toBe(intlDate("en-GB", { day: "numeric", month: "long", year: "numeric" }));
    expect(formatDate(evening, "nb", false)).toBe(intlDate("nb-NO", { day: "numeric", month: "long" }));
    expect(formatWeekday(evening)).toBe(intlDate("nb-NO", { weekday: "long" }));
    expect(formatTime(evening)).toBe("17.00");
    expect(formatTime(evening, "en")).toBe("17:00");
    expect(formatDate(new Date("2031-02-05T16:00:00Z"))).not.toBe(formatDate(evening));
  });
});
