//! Register columns recognised by their header, in English and Spanish.
//!
//! A header is folded (lower case, accents removed, punctuation as spaces) and split into
//! words; rules then look for the words registers use for each meaning (not for one
//! file's spelling), most specific first, so that "Contract owner" is the owner,
//! "Contract ID" the identifier and "Renewal term" the renewal period, not the title or
//! the term.

use serde::{Deserialize, Serialize};

use super::cells::fold;

/// What a register column means. Named `RegisterColumn` in the UI's bindings (the clause
/// tables' `Column` has the name there).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "RegisterColumn"))]
#[serde(rename_all = "snake_case")]
pub enum Column {
    /// The register's own identifier of the agreement (re-imports update by it).
    Id,
    /// The agreement's title.
    Title,
    /// The other party.
    Counterparty,
    /// The contract owner.
    Owner,
    /// The contract owner's email (kept in the row's record).
    OwnerEmail,
    /// The effective date (start, commencement).
    Effective,
    /// The end date: the expiry of the current term (docs/register.md, "End date").
    Expiry,
    /// The initial term, a period.
    Term,
    /// Whether the term renews automatically (yes/no).
    AutoRenewal,
    /// The renewal period.
    RenewalPeriod,
    /// The non-renewal notice period.
    Notice,
    /// The termination-for-convenience notice period.
    Convenience,
    /// The total contract value.
    Value,
    /// The ISO 4217 currency of the value.
    Currency,
    /// The country whose public holidays apply.
    Country,
    /// Free notes (kept in the row's record).
    Notes,
}

impl Column {
    /// Every meaning, in the order a mapping step lists them.
    pub const ALL: [Column; 16] = [
        Column::Id,
        Column::Title,
        Column::Counterparty,
        Column::Owner,
        Column::OwnerEmail,
        Column::Effective,
        Column::Expiry,
        Column::Term,
        Column::AutoRenewal,
        Column::RenewalPeriod,
        Column::Notice,
        Column::Convenience,
        Column::Value,
        Column::Currency,
        Column::Country,
        Column::Notes,
    ];

    /// The name used by `--columns` and in JSON (`effective`, `renewal_period`, …).
    pub fn name(self) -> &'static str {
        match self {
            Column::Id => "id",
            Column::Title => "title",
            Column::Counterparty => "counterparty",
            Column::Owner => "owner",
            Column::OwnerEmail => "owner_email",
            Column::Effective => "effective",
            Column::Expiry => "expiry",
            Column::Term => "term",
            Column::AutoRenewal => "auto_renewal",
            Column::RenewalPeriod => "renewal_period",
            Column::Notice => "notice",
            Column::Convenience => "convenience",
            Column::Value => "value",
            Column::Currency => "currency",
            Column::Country => "country",
            Column::Notes => "notes",
        }
    }

    /// The header the export writes for this meaning (recognised back by [`recognise`]).
    pub fn label(self) -> &'static str {
        match self {
            Column::Id => "ID",
            Column::Title => "Title",
            Column::Counterparty => "Counterparty",
            Column::Owner => "Owner",
            Column::OwnerEmail => "Owner email",
            Column::Effective => "Effective date",
            Column::Expiry => "End date",
            Column::Term => "Initial term",
            Column::AutoRenewal => "Auto-renewal",
            Column::RenewalPeriod => "Renewal period",
            Column::Notice => "Notice period",
            Column::Convenience => "Termination for convenience",
            Column::Value => "Value",
            Column::Currency => "Currency",
            Column::Country => "Country",
            Column::Notes => "Notes",
        }
    }

    /// The meaning named `name` (as [`Column::name`], also `start`, `end`, `ignore` →
    /// `Ok(None)`); `Err` lists the names accepted.
    pub fn parse(name: &str) -> Result<Option<Column>, String> {
        let n = fold(name.trim()).replace([' ', '-'], "_");
        match n.as_str() {
            "ignore" | "none" | "" => return Ok(None),
            "start" | "effective_date" => return Ok(Some(Column::Effective)),
            "end" | "end_date" | "expiry_date" => return Ok(Some(Column::Expiry)),
            "renewal" => return Ok(Some(Column::RenewalPeriod)),
            _ => {}
        }
        Column::ALL
            .into_iter()
            .find(|c| c.name() == n)
            .map(Some)
            .ok_or_else(|| {
                let names: Vec<&str> = Column::ALL.iter().map(|c| c.name()).collect();
                format!(
                    "\"{name}\" is not a column meaning: expected one of {}, or ignore",
                    names.join(", ")
                )
            })
    }
}

/// A header folded for matching and for remembering a mapping: lower case, accents
/// removed, every run of punctuation and spaces one space (`"Fecha de Término "` →
/// `"fecha de termino"`).
pub fn normalise(header: &str) -> String {
    fold(header)
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '#')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The meaning of a header, or `None` for a column the register import ignores.
pub fn recognise(header: &str) -> Option<Column> {
    let n = normalise(header);
    let w: Vec<&str> = n.split(' ').filter(|x| !x.is_empty()).collect();
    if w.is_empty() {
        return None;
    }
    let has = |words: &[&str]| w.iter().any(|x| words.contains(x));
    let starts = |prefixes: &[&str]| w.iter().any(|x| prefixes.iter().any(|p| x.starts_with(p)));
    // Most specific first.
    if has(&["email", "mail", "correo", "e"]) && (has(&["email", "mail", "correo"])) {
        return Some(Column::OwnerEmail);
    }
    if has(&[
        "owner",
        "responsable",
        "duenno",
        "dueno",
        "gestor",
        "administrador",
    ]) {
        return Some(Column::Owner);
    }
    if has(&["currency", "moneda", "divisa", "ccy"]) {
        return Some(Column::Currency);
    }
    if has(&["country", "pais", "jurisdiction", "jurisdiccion"]) {
        return Some(Column::Country);
    }
    if has(&[
        "notes",
        "note",
        "comments",
        "comment",
        "observaciones",
        "observacion",
        "comentarios",
        "notas",
        "remarks",
    ]) {
        return Some(Column::Notes);
    }
    if starts(&["convenien"]) {
        return Some(Column::Convenience);
    }
    let renewal = starts(&["renew", "renov"]);
    if renewal
        && has(&[
            "term", "period", "periodo", "plazo", "length", "duracion", "duration", "months",
            "meses",
        ])
    {
        return Some(Column::RenewalPeriod);
    }
    if (renewal && (starts(&["auto"]) || has(&["automatic", "automatica", "tacita", "tacit"])))
        || has(&["evergreen", "autorenew", "autorenewal", "autorrenovacion"])
        || (renewal && w.len() == 1)
        || n == "renews"
        || n == "se renueva"
    {
        return Some(Column::AutoRenewal);
    }
    if has(&["notice", "preaviso", "aviso"]) {
        return Some(Column::Notice);
    }
    if has(&[
        "value", "amount", "monto", "importe", "valor", "price", "precio", "total",
    ]) {
        return Some(Column::Value);
    }
    if has(&[
        "id",
        "ref",
        "reference",
        "referencia",
        "no",
        "nro",
        "num",
        "number",
        "numero",
        "codigo",
        "code",
        "#",
        "n",
    ]) && w.len() <= 3
    {
        return Some(Column::Id);
    }
    if has(&[
        "start",
        "effective",
        "commencement",
        "inicio",
        "desde",
        "comienzo",
    ]) {
        return Some(Column::Effective);
    }
    if has(&[
        "end",
        "expiry",
        "expiration",
        "expires",
        "expiring",
        "vencimiento",
        "vence",
        "termino",
        "fin",
        "hasta",
        "finalizacion",
    ]) {
        return Some(Column::Expiry);
    }
    if has(&[
        "term", "plazo", "duracion", "duration", "length", "vigencia",
    ]) {
        return Some(Column::Term);
    }
    if has(&[
        "counterparty",
        "supplier",
        "vendor",
        "customer",
        "client",
        "contraparte",
        "proveedor",
        "cliente",
        "party",
        "parte",
        "partner",
        "socio",
    ]) {
        return Some(Column::Counterparty);
    }
    if has(&[
        "contract",
        "agreement",
        "title",
        "contrato",
        "nombre",
        "name",
        "titulo",
        "convenio",
        "acuerdo",
    ]) {
        return Some(Column::Title);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_and_spanish_headers() {
        let cases = [
            ("ID", Some(Column::Id)),
            ("Ref.", Some(Column::Id)),
            ("No.", Some(Column::Id)),
            ("Código", Some(Column::Id)),
            ("Contract ID", Some(Column::Id)),
            ("Contract", Some(Column::Title)),
            ("Agreement title", Some(Column::Title)),
            ("Nombre del contrato", Some(Column::Title)),
            ("Supplier", Some(Column::Counterparty)),
            ("Proveedor / Cliente", Some(Column::Counterparty)),
            ("Contraparte", Some(Column::Counterparty)),
            ("Contract owner", Some(Column::Owner)),
            ("Responsable", Some(Column::Owner)),
            ("Owner email", Some(Column::OwnerEmail)),
            ("Correo del responsable", Some(Column::OwnerEmail)),
            ("Start date", Some(Column::Effective)),
            ("Commencement", Some(Column::Effective)),
            ("Fecha de inicio", Some(Column::Effective)),
            ("End date", Some(Column::Expiry)),
            ("Expiration", Some(Column::Expiry)),
            ("Vencimiento", Some(Column::Expiry)),
            ("Fecha de término", Some(Column::Expiry)),
            ("Term (months)", Some(Column::Term)),
            ("Plazo", Some(Column::Term)),
            ("Duración", Some(Column::Term)),
            ("Auto-renew?", Some(Column::AutoRenewal)),
            ("Renovación automática", Some(Column::AutoRenewal)),
            ("Renewal term", Some(Column::RenewalPeriod)),
            ("Periodo de renovación", Some(Column::RenewalPeriod)),
            ("Notice (days)", Some(Column::Notice)),
            ("Preaviso", Some(Column::Notice)),
            ("Non-renewal notice", Some(Column::Notice)),
            ("Termination for convenience", Some(Column::Convenience)),
            ("Contract value", Some(Column::Value)),
            ("Importe", Some(Column::Value)),
            ("Moneda", Some(Column::Currency)),
            ("País", Some(Column::Country)),
            ("Observaciones", Some(Column::Notes)),
            ("Department", None),
            ("Status", None),
        ];
        for (h, want) in cases {
            assert_eq!(recognise(h), want, "{h}");
        }
        // Every exported header reads back as its own meaning.
        for c in Column::ALL {
            assert_eq!(recognise(c.label()), Some(c), "{}", c.label());
            assert_eq!(Column::parse(c.name()), Ok(Some(c)));
        }
        assert_eq!(normalise("  Fecha de Término "), "fecha de termino");
        assert!(Column::parse("sideways").unwrap_err().contains("effective"));
    }
}
