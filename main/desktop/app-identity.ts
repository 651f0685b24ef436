/** Must match appId and productName in electron-builder.yml. */
export const APP_ID = "com.locumleadinbox.app";
export const PRODUCT_NAME = "Locum Lead Inbox";
