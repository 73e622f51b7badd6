/// Embedded so the page needs no external resources; kept free of `<` and `&` so the page also parses as XML.
enum Stylesheet {
    static let css = """
    body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1f2328;background:#fff;line-height:1.5;max-width:980px;margin:2rem auto;padding:0 1rem}
    h1{margin:0 0 .25rem}
    .subtitle{color:#57606a;margin:0 0 1.5rem}
    h2{border-bottom:1px solid #d0d7de;padding-bottom:.3rem;margin-top:2.2rem}
    table{border-collapse:collapse;margin:1rem 0;font-size:.92rem}
    caption{caption-side:top;text-align:left;font-weight:600;padding-bottom:.35rem}
    th,td{border:1px solid #d0d7de;padding:.3rem .65rem;text-align:left;vertical-align:top}
    th{background:#eef1f4}
    tbody tr:nth-child(even){background:#f6f8fa}
    td.number{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    .notes,figcaption{color:#57606a;font-size:.85rem;margin-top:.25rem}
    figure{margin:1.5rem 0}
    figure svg{max-width:100%;height:auto;display:block}
    dl.key-values{display:grid;grid-template-columns:max-content auto;gap:.2rem 1.2rem}
    dl.key-values dt{font-weight:600}
    dl.key-values dd{margin:0}

    """
}
