//! The deck shown to authors and reviewers: a graph of cards and follow-ups, and a proof copy.

use std::fmt::Write as _;

use super::model::{Deck, Release, Theme};
use super::text::{Lang, clean};

fn theme_colour(theme: Theme) -> &'static str {
    match theme {
        Theme::DigitalCrime => "#8e24aa",
        Theme::OwnHouse => "#1565c0",
        Theme::Disruption => "#00838f",
        Theme::Leadership => "#2e7d32",
    }
}

/// Quotes a label for Mermaid (which has no escape for `"`; use a similar glyph).
fn mermaid_label(s: &str) -> String {
    clean(s).replace('"', "'").replace(['\n', '[', ']', '{', '}', '<', '>'], " ")
}

fn dot_label(s: &str) -> String {
    clean(s).replace('\\', "\\\\").replace('"', "\\\"").replace('\n', " ")
}

/// Cards as nodes coloured by theme; follow-ups as arrows labelled with the option; inject
/// conditions as dotted arrows.
pub fn mermaid(deck: &Deck, lang: Lang) -> String {
    let mut out = String::from("flowchart TD\n");
    for theme in Theme::ALL {
        let _ = writeln!(out, "  classDef {theme:?} fill:{},color:#fff,stroke:#333", theme_colour(theme));
    }
    for card in &deck.cards {
        let _ = writeln!(
            out,
            "  {}[\"{}<br/>{} min\"]:::{:?}",
            node(card.id.as_str()),
            mermaid_label(&card.title.show(lang)),
            card.minutes,
            card.theme
        );
    }
    for card in &deck.cards {
        for o in &card.options {
            if let Some(next) = &o.follow_up {
                let _ = writeln!(
                    out,
                    "  {} -->|\"{}\"| {}",
                    node(card.id.as_str()),
                    mermaid_label(o.id.as_str()),
                    node(next.as_str())
                );
            }
        }
        for inj in &card.injects {
            if let Some(cond) = &inj.only_if {
                let _ = writeln!(
                    out,
                    "  {} -.->|\"{}: {}\"| {}",
                    node(cond.card.as_str()),
                    mermaid_label(cond.option.as_str()),
                    mermaid_label(inj.id.as_str()),
                    node(card.id.as_str())
                );
            }
        }
    }
    out
}

pub fn dot(deck: &Deck, lang: Lang) -> String {
    let mut out =
        String::from("digraph deck {\n  rankdir=TB;\n  node [shape=box, style=\"rounded,filled\", fontcolor=white];\n");
    for card in &deck.cards {
        let _ = writeln!(
            out,
            "  \"{}\" [label=\"{}\\n{} min\", fillcolor=\"{}\"];",
            card.id,
            dot_label(&card.title.show(lang)),
            card.minutes,
            theme_colour(card.theme)
        );
    }
    for card in &deck.cards {
        for o in &card.options {
            if let Some(next) = &o.follow_up {
                let _ = writeln!(out, "  \"{}\" -> \"{}\" [label=\"{}\"];", card.id, next, dot_label(o.id.as_str()));
            }
        }
        for inj in &card.injects {
            if let Some(cond) = &inj.only_if {
                let _ = writeln!(
                    out,
                    "  \"{}\" -> \"{}\" [style=dotted, label=\"{}: {}\"];",
                    cond.card,
                    card.id,
                    dot_label(cond.option.as_str()),
                    dot_label(inj.id.as_str())
                );
            }
        }
    }
    out.push_str("}\n");
    out
}

fn node(id: &str) -> String {
    id.replace('-', "_")
}

/// Escapes text for a Markdown paragraph, keeping its lines.
fn md(s: &str) -> String {
    super::text::markdown_lines(s)
}

/// A heading's text, never empty: the id stands in for a title left empty.
fn heading(title: &str, id: &str) -> String {
    if title.trim().is_empty() { format!("`{id}`") } else { md(title) }
}

/// The cards in the order a reviewer meets them in a session: each agenda's cards in playing
/// order, each followed by the follow-ups it leads to; then the cards no agenda reaches.
pub fn reading_order(deck: &Deck) -> Vec<&super::model::Card> {
    fn visit<'a>(
        deck: &'a Deck,
        id: &super::model::CardId,
        seen: &mut Vec<&'a super::model::CardId>,
        out: &mut Vec<&'a super::model::Card>,
    ) {
        let Some(card) = deck.card(id) else { return };
        if seen.contains(&&card.id) {
            return;
        }
        seen.push(&card.id);
        out.push(card);
        for o in &card.options {
            if let Some(next) = &o.follow_up {
                visit(deck, next, seen, out);
            }
        }
    }
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for a in &deck.manifest.agendas {
        for c in &a.cards {
            visit(deck, c, &mut seen, &mut out);
        }
    }
    for card in &deck.cards {
        visit(deck, &card.id, &mut seen, &mut out);
    }
    out
}

/// The whole deck as a readable proof copy: every card, inject, option, consequence and
/// facilitator note, for a colleague to review on paper, in agenda order.
pub fn proof(deck: &Deck, lang: Lang) -> String {
    let mut out = proof_head(deck, lang);
    for card in reading_order(deck) {
        out.push_str(&proof_card(deck, card, lang, "###"));
    }
    out
}

/// Dutch and English one after the other per card, for checking a translation in one read.
pub fn proof_both(deck: &Deck) -> String {
    let mut out = proof_head(deck, Lang::Nl);
    for card in reading_order(deck) {
        out.push_str(&proof_card(deck, card, Lang::Nl, "###"));
        out.push_str(&proof_card(deck, card, Lang::En, "#### English:"));
    }
    out
}

fn proof_head(deck: &Deck, lang: Lang) -> String {
    let t = |nl: &'static str, en: &'static str| if lang == Lang::Nl { nl } else { en };
    let m = &deck.manifest;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", heading(&m.title.show(lang), m.id.as_str()));
    if !m.description.nl.is_empty() {
        let _ = writeln!(out, "{}\n", md(&m.description.show(lang)));
    }
    let _ = writeln!(out, "## {}\n", t("Agenda's", "Agendas"));
    for a in &m.agendas {
        // The plan with two, three and four delegations, by the rule the console counts with.
        let [two, three, four] = [2, 3, 4].map(|groups| deck.agenda_minutes(a, groups));
        let _ = writeln!(
            out,
            "### {} ({two}/{three}/{four} {} / {})\n",
            heading(&a.title.show(lang), a.id.as_str()),
            t("min gepland met 2/3/4 delegaties", "min planned with 2/3/4 delegations"),
            a.minutes
        );
        for (i, c) in a.cards.iter().enumerate() {
            let title = deck.card(c).map_or(c.to_string(), |card| card.title.show(lang).into_owned());
            let _ = writeln!(out, "{}. {} (`{c}`)", i + 1, heading(&title, c.as_str()));
        }
        out.push('\n');
    }
    if !m.objectives.is_empty() {
        let _ = writeln!(out, "## {}\n", t("Doelen", "Objectives"));
        for o in &m.objectives {
            let _ = writeln!(out, "- `{}`: {}", o.id, md(&o.text.show(lang)));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "## {}\n", t("Kaarten", "Cards"));
    out
}

fn proof_card(deck: &Deck, card: &super::model::Card, lang: Lang, level: &str) -> String {
    let t = |nl: &'static str, en: &'static str| if lang == Lang::Nl { nl } else { en };
    let mut out = String::new();
    {
        let _ = writeln!(out, "{level} {} (`{}`)\n", heading(&card.title.show(lang), card.id.as_str()), card.id);
        let roles: Vec<&str> = card.roles.iter().map(|r| r.label(lang)).collect();
        let _ = writeln!(out, "*{} · {} min · {}*\n", card.theme.label(lang), card.minutes, roles.join(", "));
        let _ = writeln!(out, "{}\n", md(&card.situation.show(lang)));
        if !card.injects.is_empty() {
            let _ = writeln!(out, "**{}**\n", t("Ontwikkelingen", "Developments"));
            for inj in &card.injects {
                let when = match inj.at {
                    Release::Minute(m) => format!("{} {m}", t("minuut", "minute")),
                    Release::Facilitator => t("door de gespreksleider", "by the facilitator").to_string(),
                };
                let only = inj.only_if.as_ref().map_or(String::new(), |c| {
                    format!(" — {} `{}` / `{}`", t("alleen na", "only after"), c.card, c.option)
                });
                let _ = writeln!(out, "- ({when}{only}) {}", md(&inj.text.show(lang)));
            }
            out.push('\n');
        }
        if !card.questions.is_empty() {
            let _ = writeln!(out, "**{}**\n", t("Vragen", "Questions"));
            for q in &card.questions {
                let _ = writeln!(out, "- {}", md(&q.show(lang)));
            }
            out.push('\n');
        }
        let _ = writeln!(out, "**{}**\n", t("Opties", "Options"));
        for (i, o) in card.options.iter().enumerate() {
            let effects: Vec<String> = o
                .effects
                .iter()
                .map(|(d, v)| {
                    format!(
                        "{} {v:+}",
                        deck.dimension(d).map_or(d.to_string(), |dim| dim.label.show(lang).into_owned())
                    )
                })
                .collect();
            let follow = o.follow_up.as_ref().map_or(String::new(), |f| format!(" → `{f}`"));
            let _ = writeln!(out, "{}. **{}** (`{}`){follow}", i + 1, md(&o.label.show(lang)), o.id);
            let _ = writeln!(out, "   - {}: {}", t("Gevolg", "Consequence"), md(&o.consequence.show(lang)));
            if !effects.is_empty() {
                let _ = writeln!(out, "   - {}: {}", t("Effect", "Effect"), effects.join(", "));
            }
        }
        out.push('\n');
        if !card.notes.nl.is_empty() {
            let _ = writeln!(
                out,
                "**{}**\n\n{}\n",
                t("Notities voor de gespreksleider", "Facilitator notes"),
                md(&card.notes.show(lang))
            );
        }
        if !card.practices.is_empty() {
            let _ = writeln!(out, "**{}**\n", t("Wat anderen deden", "What others did"));
            for p in &card.practices {
                let _ = writeln!(
                    out,
                    "- {}: {} ({}: {})",
                    md(&p.who),
                    md(&p.text.show(lang)),
                    t("bron", "source"),
                    md(&p.source)
                );
            }
            out.push('\n');
        }
        if !card.references.is_empty() {
            let _ = writeln!(out, "**{}**\n", t("Bronnen", "References"));
            for r in &card.references {
                let _ = writeln!(out, "- {}", md(&r.show(lang)));
            }
            out.push('\n');
        }
    }
    out
}
