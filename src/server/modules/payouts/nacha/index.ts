/** The NACHA file format (writer, reader, the bank's returns file) and the bank's reason codes; reached from outside through the payouts module's index. */
export { MAX_ENTRY_AMOUNT_MINOR, NachaInputError } from './fields.ts';
export { parseNachaFile } from './reader.ts';
export { parseReturnFile, type AchFileItem } from './returns.ts';
export { CHANGE_CODES, RETURN_CODES } from './return-codes.ts';
export { ACCOUNT_TYPE_TRANSACTION_CODE, nachaLines, sameDayDescriptiveDate, type NachaBatchInput, type NachaEntryInput, type NachaFileInput } from './writer.ts';
