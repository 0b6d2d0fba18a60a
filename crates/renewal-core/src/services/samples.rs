//! Sample agreements shipped with Renewal Desk ("Load sample agreements" on first run), and
//! a generator of synthetic agreement documents for load tests and benchmarks.
//!
//! The samples are written for the project (fictional companies) in the same Markdown form
//! as real agreements; they are imported by the real importer.

use crate::domain::dates::month_name;

/// `(file name, Markdown text)` of each shipped sample agreement.
pub const SAMPLE_DOCUMENTS: &[(&str, &str)] = &[
    (
        "andes-fibra-wholesale.md",
        include_str!("../../samples/andes-fibra-wholesale.md"),
    ),
    (
        "pacifico-torres-chile.md",
        include_str!("../../samples/pacifico-torres-chile.md"),
    ),
    (
        "nimbus-cloud-reseller.md",
        include_str!("../../samples/nimbus-cloud-reseller.md"),
    ),
];

const COUNTRIES: [&str; 3] = ["Peru", "Chile", "Colombia"];
const COUNTERPARTIES: [&str; 6] = [
    "Nimbus Cloud Inc.",
    "Andes Fibra SAC",
    "Pacífico Torres SpA",
    "Condor Networks Ltd",
    "Altiplano Data SA",
    "Humboldt Systems GmbH",
];
const OWNERS: [&str; 4] = [
    "Commercial Director",
    "Head of Wholesale",
    "Network Director",
    "Cloud Product Manager",
];

/// A synthetic agreement document, number `i` (deterministic; every `i` gives a distinct
/// title). Mixes auto-renewing and fixed terms, Peru, Chile and other countries, notice
/// periods in days and months, obligations and exit windows, like the real samples.
pub fn generate_document(i: usize) -> String {
    let country = COUNTRIES[i % COUNTRIES.len()];
    let counterparty = COUNTERPARTIES[(i / 3) % COUNTERPARTIES.len()];
    let owner = OWNERS[(i / 7) % OWNERS.len()];
    let year = 2019 + (i % 8);
    let month = month_name((i * 5 % 12) as u32 + 1);
    let day = 1 + (i * 7) % 28;
    let term_years = 1 + (i % 4);
    let auto = i % 3 != 1;
    let notice_days = [30, 60, 90, 120, 180][i % 5];
    let renewal_months = [12, 24, 6][i % 3];
    let currency = if country == "Peru" { "S/" } else { "US$" };
    let amount = 100 + (i * 37) % 9_900;
    let review_month = month_name((i * 11 % 12) as u32 + 1);
    let review_year = 2025 + (i % 3);
    let term = if auto {
        format!("{term_years} years (auto-renewal)")
    } else {
        format!("{term_years} years")
    };
    let renewal = if auto {
        format!(
            "### Renewal Terms\n\n- Auto-renewal for {renewal_months}-month periods\n- {notice_days}-day notice for non-renewal\n- Price review at each renewal\n"
        )
    } else {
        String::new()
    };
    format!(
        "# {counterparty} {country} Agreement No. {i}
**Telared Andina SAC - Partner {i}**

## Agreement Summary

| Field | Details |
|-------|---------|
| Agreement Type | Supply Agreement |
| Parties | Telared Andina SAC / {counterparty} |
| Effective Date | {day} {month} {year} |
| Term | {term} |
| Total Commitment | {currency}{amount}K services |

---

## Commercial Terms

### Volume Commitments

| Metric | Year 1 | Year 2 |
|--------|--------|--------|
| Spend | {currency}{amount}K | {currency}{amount2}K |
| Sites | {sites} | {sites2} |

### Service Levels

| Metric | Target | Penalty |
|--------|--------|---------|
| Availability | 99.9% | Service credits |
| Response | <2 hours | Review |

## Delivery

| Requirement | Status | Due Date |
|-------------|--------|----------|
| Integration | In progress | Q{q} {review_year} |
| Certification | Complete | - |

---

## Risk and Compliance

### Data Protection

- All data processed in {country}

---

## Renewal and Termination

{renewal}
### Termination Rights

| Scenario | Notice | Consequence |
|----------|--------|-------------|
| Convenience | {conv} days | Wind-down plan |
| Material breach | 30 days cure | Immediate |

### Exit Rights

| Scenario | Process | Timeline |
|----------|---------|----------|
| Contract end | Data export | 90 days |

---

**Document Classification**: Commercial in Confidence  
**Contract Owner**: {owner}  
**Next Review**: {review_month} {review_year}
",
        amount2 = amount + 50,
        sites = 10 + i % 90,
        sites2 = 20 + i % 90,
        q = 1 + i % 4,
        conv = [90, 180, 365][i % 3],
    )
}
