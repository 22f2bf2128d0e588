/** The response examples of ../shared/specs/clicksend-http-api-v2.apib, verbatim (indentation included). */

export const SEND_RESPONSE = `<?xml version="1.0" encoding="UTF-8"?>
<xml>
    <messages recipientcount="1">
        <message>
            <to>+61411111111</to>
            <messageid>32794C10-F9CA-4E17-ABEC-F2F764EEC922</messageid>
            <result>0000</result>
            <errortext>Success</errortext>
            <price>0.0282</price>
            <currency_symbol>$</currency_symbol>
            <currency_type>USD</currency_type>
        </message>
    </messages>
</xml>`;

export const REPLY_RESPONSE = `<?xml version='1.0' encoding='UTF-8' ?>
<xml>
    <replies replycount='2'>
        <reply>
            <from>+61411111111</from>
            <message>This is a reply</message>
            <originalmessage>Hello. Please reply</originalmessage>
            <originalmessageid>D9F15F83-34EC-6A31-A57E-7E8FB0966D78</originalmessageid>
            <originalsenderid>+61400000000</originalsenderid>
            <customstring></customstring>
            <username>testuser101</username>
        </reply>
        <reply>
            <from>+61422222222</from>
            <message>This is another reply</message>
            <originalmessage>Hello. Please reply</originalmessage>
            <originalmessageid>F15F83H8-15AC-3R31-777E-7E8FB09SSDP2</originalmessageid>
            <originalsenderid>+61400000000</originalsenderid>
            <customstring></customstring>
            <username>testuser101</username>
        </reply>
    </replies>
    <result>0000</result>
    <errortext>Success</errortext>
</xml>`;

export const DELIVERY_RESPONSE = `<?xml version='1.0' encoding='UTF-8' ?>
<xml>
    <dlrs dlrcount='2'>
        <dlr>
            <messageid>D9F15F83-34EC-6A31-A57E-7E8FB0966D78</messageid>
            <status>Delivered</status>
            <status_code>201</status_code>
            <customstring></customstring>
            <username>testuser101</username>
        </dlr>
        <dlr>
            <messageid>F15F83H8-15AC-3R31-777E-7E8FB09SSDP2</messageid>
            <status>Undelivered</status>
            <status_code>301</status_code>
            <customstring></customstring>
            <username>testuser101</username>
        </dlr>
    </dlrs>
    <result>0000</result>
    <errortext>Success</errortext>
</xml>`;

export const HISTORY_RESPONSE = `<?xml version='1.0' encoding='UTF-8' ?>
<xml>
    <history historycount='2'>
        <item>
            <messageid>D9F15F83-34EC-6A31-A57E-7E8FB0966D78</messageid>
            <direction>out</direction>
            <date>1414291144</date>
            <to>+61411111111</to>
            <message>This is a test message</message>
            <status>Sent</status>
            <senderid>MyCompany</senderid>
            <schedule>1414291144</schedule>
            <customstring>our-ref-1234</customstring>
            <from_email>test@email.com</from_email>
            <username>test</username>
        </item>
        <item>
            <messageid>F15F83H8-15AC-3R31-777E-7E8FB09SSDP2</messageid>
            <direction>in</direction>
            <date>1414291155</date>
            <to>+61422222222</to>
            <message>This is a test message reply</message>
            <status>Received</status>
            <senderid>+61411111111</senderid>
            <schedule></schedule>
            <customstring>our-ref-1234</customstring>
            <from_email>test@email.com</from_email>
            <username>test</username>
        </item>
        <result>0000</result>
        <errortext>Success</errortext>
    </history>
</xml>`;

export const BALANCE_RESPONSE = `<?xml version='1.0' encoding='UTF-8' ?>
<xml>
    <result>0000</result>
    <errortext>Success</errortext>
    <balance>125.00</balance>
    <type>Prepay</type>
    <currency_symbol>$</currency_symbol>
</xml>`;
