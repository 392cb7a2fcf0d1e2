"""`inkoopcheck tenderned`: hold the register against TenderNed's open data.

read (OCDS JSON, streamed) and excel (the Excel dataset) turn a downloaded file
into notices; buyer keeps the municipality's own; match groups notices into
procedures and scores them against register tenders; reconcile builds the four
lists and writes what the user asks for. The lists are rendered by
render/tenderned.py.
"""
